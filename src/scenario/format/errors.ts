// The one error type of the scenario pipeline, and the helpers that turn paths and values into
// short, readable text. Every message names where the input came from, the field and the problem.

export interface ScenarioIssue {
  /** Field path such as `party[0].actions[1].damage`; empty for the input as a whole. */
  path: string;
  message: string;
}

/** At most this many issues are kept; the first one is also the error's message. */
export const MAX_ISSUES = 20;

export class ScenarioError extends Error {
  readonly origin: string;
  readonly issues: ScenarioIssue[];

  constructor(message: string, issues: ScenarioIssue[], origin: string) {
    super(message);
    this.name = 'ScenarioError';
    this.origin = origin;
    this.issues = issues.slice(0, MAX_ISSUES);
  }

  /** An error whose message is the first issue, with a count of the others. */
  static fromIssues(origin: string, issues: ScenarioIssue[]): ScenarioError {
    const list = issues.length > 0 ? issues : [{ path: '', message: 'could not be loaded' }];
    const first = list[0];
    const more = list.length - 1;
    const where = first.path ? `${origin}: ${first.path}: ` : `${origin}: `;
    const tail = more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : '';
    return new ScenarioError(`${where}${first.message}${tail}`, list, origin);
  }

  static at(origin: string, path: string, message: string): ScenarioError {
    return ScenarioError.fromIssues(origin, [{ path, message }]);
  }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Shortens text for messages: a 10 MB key or value must not become a 10 MB message. */
export function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** `["party", 0, "hp"]` -> `party[0].hp`; odd keys are quoted: `rules["a b"]`. */
export function formatPath(segments: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const seg of segments) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else {
      const key = typeof seg === 'symbol' ? seg.toString() : clip(String(seg), 40);
      if (IDENTIFIER.test(key)) out += out ? `.${key}` : key;
      else out += `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}

/** A value as a user would recognise it in a message: `-5`, `"abc"`, `a list`, `an object`. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(clip(value));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** What kind of JSON value this is, for "must be a number, got text" messages. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `text ${JSON.stringify(clip(value))}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  try {
    return String(e);
  } catch {
    return 'an unknown error';
  }
}
