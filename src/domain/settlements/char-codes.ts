// Character codes the settlement readers compare against (charCodeAt), named once.
export const SPACE = 32;
export const PLUS = 43;
export const COMMA = 44;
export const MINUS = 45;
export const DOT = 46;
export const ZERO = 48;
export const NINE = 57;
export const COLON = 58;
