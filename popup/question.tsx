import type { Question } from '../extension/run.ts';

/** The run's open question: what it wants to do, the marked screenshot, one button per answer. */
export function QuestionPrompt({
  question,
  onAnswer,
}: {
  question: Question;
  onAnswer: (choice: string) => void;
}) {
  return (
    <section
      class="question"
      role="alertdialog"
      aria-labelledby="q-title"
      aria-describedby="q-detail"
      data-question-id={question.id}
    >
      <h2 id="q-title">{question.title}</h2>
      <p id="q-detail">{question.detail}</p>
      {question.image ? (
        <img
          class="shot"
          alt="The screen, with the target marked"
          src={`data:image/png;base64,${question.image}`}
        />
      ) : null}
      <div class="buttons">
        {question.choices.map((choice, i) => (
          <button
            key={choice}
            type="button"
            class={i === 0 ? '' : 'secondary'}
            onClick={() => onAnswer(choice)}
          >
            {choice}
          </button>
        ))}
      </div>
    </section>
  );
}
