// What the submit form sends: the query text (a whole `query NAME ...` definition, or a pipeline that the
// name field names) and its parameters. Checked here only for what the controller can't know (the form's
// own fields); the query itself is checked by the controller, whose reasons the page shows.

/** A mistake in the form's fields, said in the form's terms. */
export class SubmitError extends Error {
}

const HEADER = /^\s*query\s+([A-Za-z_][A-Za-z0-9_]*)/;

/** The text without leading blank and comment (#) lines. */
function body(text) {
  return text.replace(/^(\s*(#[^\n]*)?\n)*/, '');
}

/**
 * The text to submit. A text that starts with its own `query NAME` header is sent as it is (a name given too
 * must be the same); a bare pipeline is given the header `query NAME` from the name field.
 */
export function composeQuery(name, text) {
  const wanted = name.trim();
  if (text.trim() === '') {
    throw new SubmitError('the query text is empty');
  }
  const header = HEADER.exec(body(text));
  if (header != null) {
    if (wanted !== '' && wanted !== header[1]) {
      throw new SubmitError(`the text defines query '${header[1]}' but the name field says '${wanted}'`);
    }
    return text;
  }
  if (wanted === '') {
    throw new SubmitError("name the query: fill in the name, or start the text with 'query NAME'");
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(wanted)) {
    throw new SubmitError(`'${wanted}' is not a query name (letters, digits and _, not starting with a digit)`);
  }
  return `query ${wanted}\n${text}`;
}

/** "KEY=VALUE" entries separated by commas or white space, as the REST API's params object. */
export function parseParams(text) {
  const params = {};
  for (const entry of text.split(/[,\s]+/).filter((e) => e !== '')) {
    const eq = entry.indexOf('=');
    if (eq <= 0 || eq === entry.length - 1) {
      throw new SubmitError(`parameters: '${entry}' is not KEY=VALUE`);
    }
    const key = entry.slice(0, eq);
    if (key in params) {
      throw new SubmitError(`parameters: '${key}' is given twice`);
    }
    params[key] = entry.slice(eq + 1);
  }
  return params;
}
