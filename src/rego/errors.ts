/** Error codes as OPA names them. */
export type RegoErrorCode =
  | 'rego_parse_error'
  | 'rego_compile_error'
  | 'rego_type_error'
  | 'rego_unsafe_var_error'
  | 'rego_recursion_error'
  | 'eval_conflict_error'
  | 'eval_builtin_error'
  | 'eval_type_error'
  | 'eval_cancel_error'
  | 'eval_recursion_error';

export interface Location {
  file: string;
  row: number;
  col: number;
}

/** Every error the Rego engine raises: a code from OPA's set, a message, and where it happened. */
export class RegoError extends Error {
  constructor(
    readonly code: RegoErrorCode,
    readonly detail: string,
    readonly location?: Location,
  ) {
    super(location ? `${location.file}:${location.row}:${location.col}: ${code}: ${detail}` : `${code}: ${detail}`);
    this.name = 'RegoError';
  }
}

export class RegoParseError extends RegoError {
  constructor(detail: string, location: Location) {
    super('rego_parse_error', detail, location);
    this.name = 'RegoParseError';
  }
}

export class RegoCompileError extends RegoError {
  constructor(detail: string, location?: Location, code: RegoErrorCode = 'rego_compile_error') {
    super(code, detail, location);
    this.name = 'RegoCompileError';
  }
}

export class RegoEvalError extends RegoError {
  constructor(code: RegoErrorCode, detail: string, location?: Location) {
    super(code, detail, location);
    this.name = 'RegoEvalError';
  }
}
