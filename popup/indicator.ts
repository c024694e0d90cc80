/**
 * The Stop button of the in-page indicator: an extension page framed into the
 * task's tab, so its message comes from one of our own pages. The background
 * stops the run of the tab the frame sits in.
 */
import { call } from './connector.ts';

const button = document.getElementById('stop');
button?.addEventListener('click', () => {
  button.setAttribute('disabled', '');
  button.textContent = 'Stopping';
  void call('stopRunInThisTab', {});
});
