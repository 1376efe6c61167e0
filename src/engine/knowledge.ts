/** The knowledge handed to rules: the bundled facts, plus the edgecore schema engine when a run needs it. */
import { defaultKnowledge } from '../knowledge/index.js';
import { loadEdgecoreSchemas } from '../edgecore/load.js';
import type { Knowledge } from '../rule-api.js';

export async function knowledgeFor(needsEdgecore: boolean): Promise<Knowledge> {
  const base = defaultKnowledge();
  if (!needsEdgecore) return base;
  return { ...base, edgecore: await loadEdgecoreSchemas() };
}
