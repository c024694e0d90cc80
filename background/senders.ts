/** Who may talk to the background: only this extension's own pages. */
import browser, { type Runtime } from 'webextension-polyfill';

export function isExtensionPage(sender: Runtime.MessageSender): boolean {
  if (sender.id !== browser.runtime.id) return false;
  const origin = browser.runtime.getURL('');
  // Content scripts share our id but run in web pages, whose URL is the page's.
  return typeof sender.url === 'string' && sender.url.startsWith(origin);
}
