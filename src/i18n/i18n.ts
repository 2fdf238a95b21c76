import type { Lang } from '../domain/taxonomy.js';
import { en } from './en.js';
import { nl, type MessageKey } from './nl.js';

export type { MessageKey };
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const catalogs: Record<Lang, Record<MessageKey, string>> = { nl, en };

export function translator(lang: Lang): Translate {
  const catalog = catalogs[lang];
  return (key, vars) => {
    const text = catalog[key];
    return vars
      ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`))
      : text;
  };
}

export function isLang(value: unknown): value is Lang {
  return value === 'nl' || value === 'en';
}
