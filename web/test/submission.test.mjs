// The submit form's fields turned into the REST API's {query, params}, and the mistakes said in its terms.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { composeQuery, parseParams, SubmitError } from '../src/submission.js';

const PIPELINE = 'packets\n| window tumbling 5s\n| reduce count() as n';

test('a bare pipeline gets its header from the name field', () => {
  assert.equal(composeQuery(' total ', PIPELINE), `query total\n${PIPELINE}`);
});

test('a whole definition is sent as written; a name given too must match', () => {
  const text = `# a comment first\n\nquery total(window = 5s)\n  ${PIPELINE}`;
  assert.equal(composeQuery('', text), text);
  assert.equal(composeQuery('total', text), text);
  assert.throws(() => composeQuery('other', text),
    { name: 'Error', message: "the text defines query 'total' but the name field says 'other'" });
});

test('missing or bad names and empty texts are refused before sending', () => {
  assert.throws(() => composeQuery('', PIPELINE), SubmitError);
  assert.throws(() => composeQuery('', PIPELINE), /name the query/);
  assert.throws(() => composeQuery('9lives', PIPELINE), /'9lives' is not a query name/);
  assert.throws(() => composeQuery('q', '  \n '), /the query text is empty/);
});

test('parameters are KEY=VALUE separated by commas or spaces', () => {
  assert.deepEqual(parseParams('threshold=20, window=5s\nrows=3'), { threshold: '20', window: '5s', rows: '3' });
  assert.deepEqual(parseParams('  '), {});
  assert.throws(() => parseParams('threshold'), /parameters: 'threshold' is not KEY=VALUE/);
  assert.throws(() => parseParams('=3'), /'=3' is not KEY=VALUE/);
  assert.throws(() => parseParams('a=1 a=2'), /'a' is given twice/);
});
