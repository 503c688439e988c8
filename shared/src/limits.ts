/** Plain numbers of the contract, importable by the widget without pulling TypeBox into its bundle. */
export const MESSAGE_MAX_LENGTH = 5000;
/** Messages per `message:sync` (and `session:resume`) page. */
export const SYNC_PAGE_SIZE = 200;
/** How long a visitor token lasts, in days (site setting `visitorTokenDays`): default, least and most. */
export const VISITOR_TOKEN_DAYS = { default: 30, min: 1, max: 365 } as const;
