/**
 * Entry of page-world.js, which the background injects into the page's own
 * (MAIN) world of each frame it loads content.js into, right after it: the
 * hooks that only the page's world can have (dialogs answered without
 * blocking, pending timers for settling, events shaped there). Each hook
 * installs once per document however often this runs.
 */
import { installDialogHook } from './dialogs.ts';
import { installEventHook } from './events.ts';
import { installTimerHook } from './timers.ts';

installDialogHook();
installTimerHook();
installEventHook();
