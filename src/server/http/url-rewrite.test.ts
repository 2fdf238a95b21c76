import { describe, expect, it } from 'vitest';
import { prefixHtml } from './url-rewrite.js';
import { inboundCookies, outboundCookie, prefixLocation } from './path-prefix.js';

describe('prefixHtml', () => {
  const p = (html: string) => prefixHtml(html, '/uni-a');

  it('prefixes root-relative URLs in URL attributes only', () => {
    expect(p('<a href="/melden" title="/melden">x</a>')).toBe(
      '<a href="/uni-a/melden" title="/melden">x</a>',
    );
    expect(p('<form action="/login" method="post"><button formaction="/x">')).toBe(
      '<form action="/uni-a/login" method="post"><button formaction="/uni-a/x">',
    );
    expect(p('<img src=\'/assets/a.png\' srcset="/a.png 1x, /b.png 2x">')).toBe(
      '<img src="/uni-a/assets/a.png" srcset="/uni-a/a.png 1x, /uni-a/b.png 2x">',
    );
    expect(p('<section data-endpoint="/login/webauthn">')).toBe(
      '<section data-endpoint="/uni-a/login/webauthn">',
    );
  });

  it('leaves protocol-relative, absolute, relative and fragment links alone', () => {
    const html =
      '<a href="//evil.example/x"></a><a href="/\\evil"></a><a href="https://a.nl/x"></a><a href="#main"></a><a href="x/y"></a><a href="?q=1"></a><a href="mailto:a@b.nl"></a>';
    expect(p(html)).toBe(html);
  });

  it('reads entities in values and writes them back escaped', () => {
    expect(p('<a href="&#47;melden?a=1&amp;b=2">')).toBe('<a href="/uni-a/melden?a=1&amp;b=2">');
  });

  it('does not touch text, comments, scripts or textareas', () => {
    const html =
      '<p>href="/x"</p><!-- <a href="/y"> --><textarea><a href="/z"></textarea><script>var a = "<a href=\'/q\'>"</script>';
    expect(p(html)).toBe(html);
  });

  it('prefixes a meta refresh and an unquoted value', () => {
    expect(p('<meta http-equiv="refresh" content="0;url=/melden/verifieer/terug">')).toBe(
      '<meta http-equiv="refresh" content="0;url=/uni-a/melden/verifieer/terug">',
    );
    expect(p('<meta content="0;url=/x">')).toBe('<meta content="0;url=/x">');
    expect(p('<a href=/melden>x</a>')).toBe('<a href="/uni-a/melden">x</a>');
  });
});

describe('headers under a prefix', () => {
  it('prefixes own Locations and nothing else', () => {
    expect(prefixLocation('/login', '/a', 'https://m.nl')).toBe('/a/login');
    expect(prefixLocation('https://m.nl/login?x=1', '/a', 'https://m.nl')).toBe(
      'https://m.nl/a/login?x=1',
    );
    expect(prefixLocation('https://idp.nl/authorize', '/a', 'https://m.nl')).toBe(
      'https://idp.nl/authorize',
    );
    expect(prefixLocation('//evil.example/', '/a', 'https://m.nl')).toBe('//evil.example/');
  });

  it('scopes cookies to the prefix; over https as __Secure- (a __Host- cookie must have Path=/)', () => {
    expect(outboundCookie('mp_session=abc; Path=/; HttpOnly', '/a', false)).toBe(
      'mp_session=abc; Path=/a; HttpOnly',
    );
    expect(outboundCookie('__Host-mp_session=abc; Max-Age=0; Path=/; Secure', '/a', true)).toBe(
      '__Secure-mp_session=abc; Max-Age=0; Path=/a; Secure',
    );
    expect(inboundCookies('__Host-mp_session=platform; __Secure-mp_session=own; x=1', true)).toBe(
      '__Host-mp_session=own; x=1',
    );
  });
});
