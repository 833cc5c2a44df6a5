// Spec reporter plus the closing line CI reads: "N passed, N failed".
const Mocha = require('mocha');
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const { passes = 0, failures = 0, pending = 0 } = runner.stats ?? {};
      // Printed after the spec epilogue; CI reads this line.
      process.nextTick(() => {
        console.log(`${passes} passed, ${failures} failed` + (pending ? `, ${pending} skipped` : ''));
      });
    });
  }
}
module.exports = SummaryReporter;
