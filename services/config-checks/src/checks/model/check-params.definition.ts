/** Parameters of a check item or of its fix, declared once with their defaults (SAS `CustomConfigs.TypeDefine`-like). */
export interface IntegerParamSpec {
  readonly type: 'integer';
  readonly default: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly description: string;
}
export interface BooleanParamSpec {
  readonly type: 'boolean';
  readonly default: boolean;
  readonly description: string;
}
export interface StringParamSpec {
  readonly type: 'string';
  readonly default: string;
  readonly enum?: readonly string[];
  readonly pattern?: string;
  readonly description: string;
}
export interface StringListParamSpec {
  readonly type: 'string-list';
  readonly default: readonly string[];
  readonly itemPattern?: string;
  readonly description: string;
}
export interface IntegerListParamSpec {
  readonly type: 'integer-list';
  readonly default: readonly number[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly description: string;
}
export type ParamSpec = IntegerParamSpec | BooleanParamSpec | StringParamSpec | StringListParamSpec | IntegerListParamSpec;
export type ParamSpecs = Readonly<Record<string, ParamSpec>>;

export type ParamValue = number | boolean | string | readonly string[] | readonly number[];
export type CheckParams = Readonly<Record<string, ParamValue>>;

type ValueOf<S extends ParamSpec> = S extends IntegerParamSpec
  ? number
  : S extends BooleanParamSpec
    ? boolean
    : S extends StringParamSpec
      ? string
      : S extends StringListParamSpec
        ? readonly string[]
        : readonly number[];

/** The resolved parameter values a check receives, typed from its declaration. */
export type ParamsOf<S extends ParamSpecs> = { readonly [K in keyof S]: ValueOf<S[K]> };
