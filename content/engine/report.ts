import type { ActionReport } from '../../extension/actions.ts';

/** Collects what Claude should be told about one action. */
export class Report {
  target: string | undefined;
  private readonly notes: string[] = [];

  note(text: string): void {
    if (text && !this.notes.includes(text)) this.notes.push(text);
  }

  done(): ActionReport {
    return this.target === undefined
      ? { notes: this.notes }
      : { target: this.target, notes: this.notes };
  }
}
