import type { ActionReport } from '../../extension/actions.ts';

/** Collects what Claude should be told about one action. */
export class Report {
  target: string | undefined;
  private readonly notes: string[] = [];

  note(text: string): void {
    if (text && !this.notes.includes(text)) this.notes.push(text);
  }

  done(): ActionReport & { kind: 'done' } {
    return this.target === undefined
      ? { kind: 'done', notes: this.notes }
      : { kind: 'done', target: this.target, notes: this.notes };
  }
}
