/**
 * Which sheet a script is bound to, asked of Apps Script (projects.get: a Project's `parentId`),
 * for a .clasp.json that names a script but not its sheet (one bound by hand, the README's clasp
 * route). Binding a second script to the same sheet would give it two menus and two daily
 * sweeps, so the commands ask before they bind.
 */
import type { GoogleClients } from './clients';

/** The sheet the script is bound to; undefined when it is standalone, gone, or Google would not say. */
export async function sheetOfScript(google: GoogleClients, scriptId: string): Promise<string | undefined> {
  try {
    const res = await google.script.projects.get({ scriptId }, google.perCall);
    return res.data.parentId ?? undefined;
  } catch {
    // Whatever stopped this (a script deleted since, an API turned off) stops the next call
    // too, and that one says why.
    return undefined;
  }
}
