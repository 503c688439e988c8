/**
 * The two Socket.IO namespaces, named once for the server, both clients, the journeys and the tests. Free of
 * TypeBox, so the widget can import the name (`@causette/shared/namespaces`) without the schemas.
 */
export const VISITOR_NAMESPACE = '/visitor';
export const AGENT_NAMESPACE = '/agent';
