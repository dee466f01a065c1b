/**
 * Routing in words, for the sentences a change reports: a trunk by the name its account gives it
 * (its id when the account does not list it), a routing, where a number stands. Localised through
 * `@vscode/l10n`; no vscode import.
 */
import * as l10n from '@vscode/l10n';
import type { VobizNumber } from '../api';
import type { AccountModel } from '../model/accountModel';
import { trunkName } from '../model/accountModel';
import type { Routing } from '../model/routing';

/** An error's words without its trailing full stop (to go inside a sentence); a Vobiz error's without its outcome sentence. */
export function reasonOf(err: unknown): string {
  const text = err instanceof Error ? ((err as { reason?: unknown }).reason ?? err.message) : err;
  return String(text).replace(/[.\s]+$/, '');
}

export class RoutingWords {
  readonly #model: AccountModel;

  constructor(model: AccountModel) {
    this.#model = model;
  }

  /**
   * A trunk's name as a person knows it (its id when the account does not list it). Unquoted: the
   * messages that name it quote it, so a translation can use its own quotation marks.
   */
  trunk(trunkId: string): string {
    const t = this.#model.trunk(trunkId);
    return t ? trunkName(t) : trunkId;
  }

  /** A routing in words: `trunk "Acme"`, `application app-1`, `no trunk`; an unlisted number. */
  routing(r: Routing | undefined): string {
    if (!r) return l10n.t('an unlisted number');
    if (r.kind === 'trunk') return l10n.t('trunk "{0}"', this.trunk(r.id));
    if (r.kind === 'app') return l10n.t('application {0}', r.id);
    return l10n.t('no trunk');
  }

  /** Where a number stands, as one sentence. */
  describe(n: VobizNumber | undefined, e164: string): string {
    if (!n) return l10n.t('{0} is no longer listed in the account.', e164);
    if (n.trunk_group_id) return l10n.t('{0} routes to trunk "{1}".', e164, this.trunk(n.trunk_group_id));
    if (n.application_id) return l10n.t('{0} routes to application {1}.', e164, n.application_id);
    return l10n.t('{0} is unassigned: inbound calls to it are not routed.', e164);
  }

  /** Nothing was changed: the number routes (`now`) elsewhere than the tree showed (`shown`). */
  notAsShown(e164: string, now: Routing, shown: Routing): string {
    if (now.kind === 'none') {
      return shown.kind === 'none'
        ? l10n.t('Nothing was changed: {0} is unassigned now, not unassigned as the tree showed: it was changed elsewhere.', e164)
        : l10n.t(
            'Nothing was changed: {0} is unassigned now, not on {1} as the tree showed: it was changed elsewhere.',
            e164,
            this.routing(shown),
          );
    }
    return shown.kind === 'none'
      ? l10n.t(
          'Nothing was changed: {0} now routes to {1}, not unassigned as the tree showed: it was changed elsewhere.',
          e164,
          this.routing(now),
        )
      : l10n.t(
          'Nothing was changed: {0} now routes to {1}, not on {2} as the tree showed: it was changed elsewhere.',
          e164,
          this.routing(now),
          this.routing(shown),
        );
  }

  /** What a change did, in words, from what was read before and after. */
  done(e164: string, before: Routing, after: Routing): string {
    if (after.kind === 'none') {
      return before.kind === 'app'
        ? l10n.t('{0} was detached from {1}.', e164, this.routing(before))
        : l10n.t('{0} was unassigned from {1}.', e164, this.routing(before));
    }
    if (before.kind === 'trunk') {
      // A move: from one trunk to another, or to an application.
      return after.kind === 'trunk'
        ? l10n.t('{0} moved from trunk "{1}" to "{2}".', e164, this.trunk(before.id), this.trunk(after.id))
        : l10n.t('{0} moved from trunk "{1}" to application {2}.', e164, this.trunk(before.id), after.id);
    }
    return before.kind === 'app'
      ? l10n.t('{0} now routes to {1} instead of {2}.', e164, this.routing(after), this.routing(before))
      : l10n.t('{0} now routes to {1}.', e164, this.routing(after));
  }

  /** The change asked for, as the object of "Could not …": `move +91… to trunk "B"`, `unassign +91…`. */
  asked(e164: string, before: Routing, to: Routing): string {
    if (to.kind === 'none') {
      return before.kind === 'app' ? l10n.t('detach {0} from its application', e164) : l10n.t('unassign {0}', e164);
    }
    if (before.kind === 'trunk') return l10n.t('move {0} to {1}', e164, this.routing(to));
    return l10n.t('route {0} to {1}', e164, this.routing(to));
  }
}
