/** Plain numbers of the contract, importable by the widget without pulling TypeBox into its bundle. */
export const MESSAGE_MAX_LENGTH = 5000;
/** Messages per `message:sync` (and `session:resume`) page. */
export const SYNC_PAGE_SIZE = 200;
