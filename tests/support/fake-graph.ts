// The Graph API stand-in lives in src/demo/graph-stand-in.ts (the demo serves its sample fanpage
// with it); the tests use the same one under their historical names.
export {
  startGraphStandIn as startFakeGraph,
  type GraphStandIn as FakeGraph,
  type GraphStandInOptions as FakeGraphOptions,
  type GraphStandInRequest as FakeGraphRequest,
  type StandInComment as FakeComment,
  type StandInPost as FakePost,
  type TokenBehaviour,
  type WriteFailure,
} from '../../src/demo/graph-stand-in.js';
