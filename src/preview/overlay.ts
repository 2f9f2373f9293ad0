/**
 * The error overlay: rendered here, escaped, and shown in a shadow root so
 * the page's CSS cannot touch it (and it cannot touch the page). Served
 * pages get it as declarative shadow DOM; open pages get the same markup
 * through the `error` event.
 */
import { html, raw, type SafeHtml } from './html.js'
import { placeOf, type PreviewProblem } from './problems.js'

const STYLE = `
:host{all:initial}
.backdrop{position:fixed;inset:0;z-index:2147483647;background:rgb(0 0 0/.66);overflow:auto;font:14px/1.5 system-ui,sans-serif;color:#f5f5f5}
.box{max-width:60rem;margin:4vh auto;background:#1b1b1f;border-top:6px solid #e5484d;border-radius:6px;padding:1.25rem 1.5rem;box-shadow:0 1rem 3rem rgb(0 0 0/.5)}
h2{margin:0 0 .25rem;font-size:1.15rem;color:#ff9592}
.hint{margin:0 0 1rem;color:#b4b4bb}
.problem{border-top:1px solid #3a3a40;padding:.75rem 0}
.where{font:13px/1.4 ui-monospace,Menlo,Consolas,monospace;color:#8ec8f6;margin:0}
.message{margin:.25rem 0}
.rule{font:12px ui-monospace,Menlo,Consolas,monospace;color:#b4b4bb;margin-left:.5rem}
pre{margin:.5rem 0 0;padding:.75rem;background:#111113;border-radius:4px;overflow-x:auto;font:13px/1.45 ui-monospace,Menlo,Consolas,monospace;color:#eee;white-space:pre}
`

/** The overlay's markup (style and content), for a shadow root. */
export function overlayHtml(problems: readonly PreviewProblem[]): string {
  const count = problems.length === 1 ? '1 error' : `${problems.length} errors`
  return html`<style>${raw(STYLE)}</style><div class="backdrop" part="backdrop"><div class="box" role="alertdialog" aria-modal="true" aria-labelledby="t"><h2 id="t">sprid: the build failed (${count})</h2><p class="hint">You see the last good build. Fix the problem and save: the page reloads. Esc hides this.</p>${problems.map(problemHtml)}</div></div>`.value
}

/** One problem: where, what, the rule and a code frame. */
export function problemHtml(problem: PreviewProblem): SafeHtml {
  return html`<section class="problem"><p class="where">${placeOf(problem)}</p><p class="message">${problem.message}${problem.ruleId ? html`<span class="rule">${problem.ruleId}</span>` : ''}</p>${problem.frame ? html`<pre>${problem.frame}</pre>` : ''}</section>`
}

/** The overlay as an element with a declarative shadow root, for pages served while the last build failed. */
export function overlayElement(problems: readonly PreviewProblem[]): string {
  return `<sprid-overlay><template shadowrootmode="open">${overlayHtml(problems)}</template></sprid-overlay>`
}
