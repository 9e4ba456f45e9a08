// The mock's clock for time-bound rules (the 15-minute edit window). Auth keeps the real clock:
// the suite signs with real time. Tests move this clock instead of waiting: globally through
// `advance`, or for one chat's messages through `POST /__mock/clock` with a chat id.
export class MockClock {
  private offsetMs = 0;

  constructor(private readonly source: () => number = Date.now) {}

  now(): number {
    return this.source() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
