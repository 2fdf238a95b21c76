import type { Hono } from 'hono';
import type { AppEnv } from '../../src/server/http/env.js';

/**
 * A browser-like client over app.request(): keeps cookies, finds the CSRF token in the last
 * page, and submits forms the way a browser without JavaScript would.
 */
export class TestClient {
  private cookies = new Map<string, string>();
  lastHtml = '';

  constructor(
    private readonly app: Hono<AppEnv>,
    private readonly lang?: 'nl' | 'en',
  ) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.send(path, { method: 'GET', headers });
  }

  /** POSTs a form; the CSRF token of the last page is added unless `_csrf` is given. */
  async post(path: string, form: Record<string, string>): Promise<Response> {
    const body = new URLSearchParams({ _csrf: this.csrfToken(), ...form });
    return this.send(path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  /** POSTs a form and, like a browser, follows a 303 to the page it names. */
  async submit(path: string, form: Record<string, string>): Promise<Response> {
    return this.follow(await this.post(path, form));
  }

  /** Follows a 303 answer with a GET, as a browser does after a form; other answers pass through. */
  async follow(res: Response): Promise<Response> {
    const location = res.status === 303 ? res.headers.get('location') : null;
    return location ? this.get(location) : res;
  }

  async send(
    path: string,
    init: RequestInit & { headers?: Record<string, string> },
  ): Promise<Response> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size)
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.lang) headers['accept-language'] = this.lang;
    const res = await this.app.request(path, { ...init, headers });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, value] = pair!.split('=') as [string, string];
      if (value === '' || /Max-Age=0/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    if ((res.headers.get('content-type') ?? '').includes('text/html'))
      this.lastHtml = await res.clone().text();
    return res;
  }

  /** The value of a cookie this client holds, or undefined. */
  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  csrfToken(): string {
    return /name="_csrf" value="([^"]+)"/.exec(this.lastHtml)?.[1] ?? '';
  }

  /** Value of a hidden or text input in the last page. */
  inputValue(name: string): string {
    return new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(this.lastHtml)?.[1] ?? '';
  }

  async signIn(email: string, password: string): Promise<Response> {
    await this.get('/login');
    return this.post('/login', { email, password });
  }
}
