/** The small part of SOQL the test server understands: `SELECT f1, f2 FROM Object`. */
export interface SimpleQuery {
  fields: string[];
  object: string;
}

export function parseSimpleSoql(soql: string): SimpleQuery {
  const match = /^\s*SELECT\s+(.+?)\s+FROM\s+(\w+)\s*$/i.exec(soql);
  if (!match) throw new Error(`test server understands only "SELECT fields FROM Object", got: ${soql}`);
  const fields = (match[1] as string).split(',').map((f) => f.trim());
  return { fields, object: match[2] as string };
}
