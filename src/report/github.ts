/**
 * `--format github`: GitHub Actions workflow commands, one per message, so
 * problems appear as annotations on the pull request.
 */
import type { VFile } from 'vfile'

const escapeData = (value: string) => value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
const escapeProperty = (value: string) => escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')

export function toGithubAnnotations(files: readonly VFile[]): string {
  const lines: string[] = []
  for (const file of files) {
    for (const m of file.messages) {
      const properties = [`file=${escapeProperty(file.path)}`]
      if (m.line != null) properties.push(`line=${m.line}`)
      if (m.column != null) properties.push(`col=${m.column}`)
      if (m.ruleId) properties.push(`title=${escapeProperty(m.ruleId)}`)
      lines.push(`::${m.fatal === true ? 'error' : 'warning'} ${properties.join(',')}::${escapeData(m.reason)}`)
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : ''
}
