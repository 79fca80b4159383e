// The render node: a Nemo-compatible HTTP API that does the work locally (wire.md).
export { startRenderNode, type RenderNode, type RenderNodeOptions } from './node.js';
export { DataFolderInUseError } from './data-lock.js';
