/**
 * A minimal HTTP client for the browser tests' own calls to the server (seeding data, and the
 * direct API write a viewer must be refused): it logs in like the web app does, keeps the session
 * cookie, and sends the CSRF token on state-changing requests.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

export interface ApiAnswer<T> {
  readonly status: number;
  readonly body: T;
}

export class ApiSession {
  private cookie = '';
  private csrf: string | null = null;

  private constructor(readonly baseUrl: string) {}

  static async login(baseUrl: string, username: string, password: string): Promise<ApiSession> {
    const session = new ApiSession(baseUrl);
    const answer = await session.call<{ csrfToken: string }>('POST', '/api/v1/session', {
      json: { username, password },
    });
    if (answer.status !== 200)
      throw new Error(`log in as ${username} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    session.csrf = answer.body.csrfToken;
    return session;
  }

  async call<T = unknown>(
    method: string,
    path: string,
    options: { json?: unknown; form?: FormData; csrf?: boolean } = {},
  ): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (method !== 'GET' && this.csrf && options.csrf !== false) headers['x-csrf-token'] = this.csrf;
    let body: string | FormData | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.form) body = options.form;
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? '';
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON (a report download): the text itself.
    }
    return { status: response.status, body: parsed as T };
  }

  /** Imports an assessment file (and the evidence files it names) as a new product; returns its id. */
  async importProduct(assessmentPath: string, evidencePaths: readonly string[]): Promise<string> {
    const form = new FormData();
    form.append('assessment', new Blob([readFileSync(assessmentPath)]), basename(assessmentPath));
    for (const path of evidencePaths) form.append('evidence', new Blob([readFileSync(path)]), basename(path));
    const answer = await this.call<{ product: { id: string } }>('POST', '/api/v1/products/import', { form });
    if (answer.status !== 201 && answer.status !== 200)
      throw new Error(`import of ${assessmentPath} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.product.id;
  }
}
