/**
 * HtmlService and ContentService: what a web app's doGet/doPost return.
 *
 * https://developers.google.com/apps-script/reference/html/html-service
 * https://developers.google.com/apps-script/reference/html/html-output (setTitle, addMetaTag,
 *   setXFrameOptionsMode, getContent, append, appendUntrusted, clear)
 * https://developers.google.com/apps-script/reference/html/x-frame-options-mode (ALLOWALL, DEFAULT)
 * https://developers.google.com/apps-script/reference/content/content-service
 * https://developers.google.com/apps-script/reference/content/text-output (setMimeType, getContent)
 *
 * Google serves an HtmlOutput inside its own page, in a sandboxed iframe, with the title and meta
 * tags set here on the outer page; the local server (scripts/local.ts serve) reads them back with
 * `htmlOutputOf` and writes them into the page it serves. addMetaTag takes only the names Google
 * lets through (viewport, apple-mobile-web-app-capable, mobile-web-app-capable,
 * google-site-verification); "Meta tags included directly in an Apps Script HTML file are ignored".
 */
import type { ServiceEnv } from '../sandbox.js';

export const XFrameOptionsMode = Object.freeze({ ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' } as const);
export const SandboxMode = Object.freeze({ EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' } as const);
export const ContentMimeType = Object.freeze({
  ATOM: 'ATOM',
  CSV: 'CSV',
  ICAL: 'ICAL',
  JAVASCRIPT: 'JAVASCRIPT',
  JSON: 'JSON',
  RSS: 'RSS',
  TEXT: 'TEXT',
  VCARD: 'VCARD',
  XML: 'XML',
} as const);

/** The Content-Type each ContentService.MimeType is served with. */
export const CONTENT_TYPES: Record<string, string> = {
  ATOM: 'application/atom+xml',
  CSV: 'text/csv',
  ICAL: 'text/calendar',
  JAVASCRIPT: 'application/javascript',
  JSON: 'application/json',
  RSS: 'application/rss+xml',
  TEXT: 'text/plain',
  VCARD: 'text/vcard',
  XML: 'text/xml',
};

export const ALLOWED_META_TAGS = ['viewport', 'apple-mobile-web-app-capable', 'mobile-web-app-capable', 'google-site-verification'];

export interface HtmlOutputState {
  content: string;
  title: string;
  metaTags: { name: string; content: string }[];
  xFrameOptionsMode: string;
  faviconUrl: string | null;
}

export interface TextOutputState {
  content: string;
  mimeType: string;
  fileName: string | null;
}

const htmlOutputs = new WeakMap<object, HtmlOutputState>();
const textOutputs = new WeakMap<object, TextOutputState>();

/** What a doGet returned, if it is an HtmlOutput (for the local server). */
export function htmlOutputOf(value: unknown): HtmlOutputState | undefined {
  return typeof value === 'object' && value !== null ? htmlOutputs.get(value) : undefined;
}

/** What a doGet/doPost returned, if it is a TextOutput (for the local server). */
export function textOutputOf(value: unknown): TextOutputState | undefined {
  return typeof value === 'object' && value !== null ? textOutputs.get(value) : undefined;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function htmlOutput(env: ServiceEnv, initial: string): object {
  const state: HtmlOutputState = { content: initial, title: '', metaTags: [], xFrameOptionsMode: 'DEFAULT', faviconUrl: null };
  const text = (method: string, v: unknown): string => {
    if (typeof v !== 'string')
      throw env.error(`The parameters (${env.signature([v])}) don't match the method signature for HtmlOutput.${method}.`);
    return v;
  };
  const output = {
    append(added: unknown): object {
      env.enter('HtmlOutput.append');
      state.content += text('append', added);
      return output;
    },
    appendUntrusted(added: unknown): object {
      env.enter('HtmlOutput.appendUntrusted');
      state.content += escapeHtml(text('appendUntrusted', added));
      return output;
    },
    clear(): object {
      env.enter('HtmlOutput.clear');
      state.content = '';
      return output;
    },
    getContent(): string {
      env.enter('HtmlOutput.getContent');
      return state.content;
    },
    setContent(content: unknown): object {
      env.enter('HtmlOutput.setContent');
      state.content = text('setContent', content);
      return output;
    },
    getTitle(): string {
      env.enter('HtmlOutput.getTitle');
      return state.title;
    },
    setTitle(title: unknown): object {
      env.enter('HtmlOutput.setTitle');
      state.title = text('setTitle', title);
      return output;
    },
    addMetaTag(name: unknown, content: unknown): object {
      env.enter('HtmlOutput.addMetaTag');
      const n = text('addMetaTag', name);
      if (!ALLOWED_META_TAGS.includes(n)) throw env.error(`Meta tag "${n}" is not allowed. Allowed: ${ALLOWED_META_TAGS.join(', ')}.`);
      state.metaTags.push({ name: n, content: text('addMetaTag', content) });
      return output;
    },
    getMetaTags(): object[] {
      env.enter('HtmlOutput.getMetaTags');
      return env.array(state.metaTags.map((m) => ({ getName: () => m.name, getContent: () => m.content })));
    },
    setXFrameOptionsMode(mode: unknown): object {
      env.enter('HtmlOutput.setXFrameOptionsMode');
      if (mode !== 'ALLOWALL' && mode !== 'DEFAULT') throw env.error(`Invalid argument: mode`);
      state.xFrameOptionsMode = mode;
      return output;
    },
    setFaviconUrl(url: unknown): object {
      env.enter('HtmlOutput.setFaviconUrl');
      state.faviconUrl = text('setFaviconUrl', url);
      return output;
    },
    getFaviconUrl(): string | null {
      env.enter('HtmlOutput.getFaviconUrl');
      return state.faviconUrl;
    },
    setSandboxMode(_mode: unknown): object {
      // "This method now has no effect".
      env.enter('HtmlOutput.setSandboxMode');
      return output;
    },
  };
  htmlOutputs.set(output, state);
  return output;
}

export function createHtmlService(env: ServiceEnv): object {
  return {
    XFrameOptionsMode,
    SandboxMode,
    createHtmlOutput(html?: unknown): object {
      env.enter('HtmlService.createHtmlOutput');
      if (html !== undefined && typeof html !== 'string')
        throw env.error(`The parameters (${env.signature([html])}) don't match the method signature for HtmlService.createHtmlOutput.`);
      return htmlOutput(env, html ?? '');
    },
  };
}

function textOutput(env: ServiceEnv, initial: string): object {
  const state: TextOutputState = { content: initial, mimeType: 'TEXT', fileName: null };
  const output = {
    append(added: unknown): object {
      env.enter('TextOutput.append');
      state.content += String(added);
      return output;
    },
    clear(): object {
      env.enter('TextOutput.clear');
      state.content = '';
      return output;
    },
    getContent(): string {
      env.enter('TextOutput.getContent');
      return state.content;
    },
    setContent(content: unknown): object {
      env.enter('TextOutput.setContent');
      state.content = String(content);
      return output;
    },
    getMimeType(): string {
      env.enter('TextOutput.getMimeType');
      return state.mimeType;
    },
    setMimeType(mimeType: unknown): object {
      env.enter('TextOutput.setMimeType');
      if (typeof mimeType !== 'string' || !(mimeType in CONTENT_TYPES)) throw env.error('Invalid argument: mimeType');
      state.mimeType = mimeType;
      return output;
    },
    downloadAsFile(fileName: unknown): object {
      env.enter('TextOutput.downloadAsFile');
      state.fileName = String(fileName);
      return output;
    },
    getFileName(): string | null {
      env.enter('TextOutput.getFileName');
      return state.fileName;
    },
  };
  textOutputs.set(output, state);
  return output;
}

export function createContentService(env: ServiceEnv): object {
  return {
    MimeType: ContentMimeType,
    createTextOutput(content?: unknown): object {
      env.enter('ContentService.createTextOutput');
      return textOutput(env, content === undefined ? '' : String(content));
    },
  };
}
