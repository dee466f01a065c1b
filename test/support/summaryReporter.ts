/**
 * Mocha's spec reporter plus one closing line `<label>: N passed, N failed, N skipped`, so every
 * runner (unit, host, e2e) ends the same way and CI can add the counts up.
 */
import Mocha from 'mocha';

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions) {
    super(runner, options);
    const opts = options.reporterOptions as { label?: unknown } | undefined;
    const label = typeof opts?.label === 'string' ? opts.label : 'tests';
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const s = runner.stats;
      if (s) Mocha.reporters.Base.consoleLog(`${label}: ${s.passes} passed, ${s.failures} failed, ${s.pending} skipped`);
    });
  }
}

export = SummaryReporter;
