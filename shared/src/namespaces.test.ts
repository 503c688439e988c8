import { describe, expect, it } from 'vitest';
import { AGENT_NAMESPACE as agentFromIndex, VISITOR_NAMESPACE as visitorFromIndex } from './index.js';
import { AGENT_NAMESPACE, VISITOR_NAMESPACE } from './namespaces.js';

describe('namespace names', () => {
  it('are the two the protocol documents, one name each, the same through every import path', () => {
    expect(VISITOR_NAMESPACE).toBe('/visitor');
    expect(AGENT_NAMESPACE).toBe('/agent');
    expect([visitorFromIndex, agentFromIndex]).toEqual([VISITOR_NAMESPACE, AGENT_NAMESPACE]);
  });
});
