/**
 * Entry of content-top.js (content/engine/on-demand.ts): what only the top
 * frame is asked, loaded there beside content.js: the "tabpilot is controlling
 * this tab" indicator, the page's text for the injection detector, the fields
 * masked in screenshots, and the targets risk checks look at (each reaches into
 * same-origin iframes from the top).
 */
import { provide } from './engine/on-demand.ts';
import { indicator } from './observe/indicator.ts';
import { pageText } from './observe/page-text.ts';
import { sensitiveRects } from './observe/sensitive-rects.ts';
import { focusedTarget, targetAt } from './observe/target-info.ts';

const top = { indicator, pageText, sensitiveRects, focusedTarget, targetAt };

export type TopModule = typeof top;

provide('top', top);
