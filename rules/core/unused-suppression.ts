// Reports suppressions that suppress nothing. The engine finds them after every other rule ran
// (src/engine/suppress.ts); this module carries the rule's metadata, so it is listed, documented,
// configurable (`--rule unused-suppression=off`) and reported like any other rule.
import { defineRule } from '../../src/engine/rule.js';
import { UNUSED_SUPPRESSION } from '../../src/engine/suppress.js';

export default defineRule({
  id: UNUSED_SUPPRESSION,
  severity: 'info',
  category: 'core',
  description: 'A suppression comment or annotation that suppresses no finding, or names an unknown rule.',
  equivalents: [],
  inputs: [],
  precision: 'very-high',
  check() {
    // Nothing to do while rules run: unused suppressions are known only once all findings are in.
  },
});
