// Policy as data: the document a team edits, its bounds, merge patches and the checks a candidate passes.
export { POLICY_BOUNDS, SLOW_BURNERS, boundsOf, type NumberBounds } from './bounds';
export { applyMergePatch, mergePatchBetween } from './merge-patch';
export { documentOf, policyDocumentSchema, policyFields, type PolicyDocument, type PolicyField } from './schema';
export { checkPolicyDocument, type PolicyCheck } from './validate';
