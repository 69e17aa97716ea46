/**
 * The web app's address, the one every link a notice or a mail carries begins with: 设置's 网页地址
 * when the office filled it in, else ScriptApp's own. 设置's wins because ScriptApp's is missing
 * before a deployment and, run from a test deployment, the /dev address units cannot open.
 * openWorkbook records 设置's value once per execution (Apps Script starts each one afresh).
 */

let configuredUrl: string | undefined;

/** 设置's 网页地址 of this execution ('' when empty): called where 设置 is read. */
export function useConfiguredUrl(url: string): void {
  configuredUrl = url === '' ? undefined : url;
}

/** The address links open, or undefined when the web app is neither deployed nor configured. */
export function webappUrl(): string | undefined {
  return configuredUrl ?? ScriptApp.getService().getUrl() ?? undefined;
}
