import type { Answer } from './send-request.js';

/**
 * One run's answers per hop URL, so a URL reached by several chains (linked directly, and the
 * target of redirects from other links) is requested once: `/moved/a` and `/found/a` both
 * redirecting to `/ok/a`, itself linked too, cost one request to `/ok/a`, not three.
 *
 * A request under way is joined, not repeated. A settled answer is kept only when it is final
 * (a status that is neither 429 nor 5xx): a transient failure must not stand in for the retry
 * that may succeed, so the next chain to reach that URL asks again.
 */
export class HopAnswers {
  readonly #answers = new Map<string, Promise<Answer>>();

  /** The answer for `url`: the one already given or under way, else what `ask` gets (and shares). */
  answer(url: string, ask: () => Promise<Answer>): Promise<Answer> {
    const known = this.#answers.get(url);
    if (known !== undefined) return known;
    const asked = ask();
    this.#answers.set(url, asked);
    const forget = (): void => void this.#answers.delete(url);
    asked.then((answer) => (isFinal(answer) ? undefined : forget()), forget);
    return asked;
  }
}

/**
 * A hop's answer through the run's shared answers when it can be shared: not when the chain reads
 * the final page for fragments (a shared answer carries no page), nor without a map to share in.
 */
export function shareHop(
  hops: HopAnswers | undefined,
  url: URL,
  fragments: readonly string[],
  ask: () => Promise<Answer>,
): Promise<Answer> {
  return hops === undefined || fragments.length > 0 ? ask() : hops.answer(url.href, ask);
}

function isFinal(answer: Answer): boolean {
  return answer.kind === 'status' && answer.status !== 429 && answer.status < 500;
}
