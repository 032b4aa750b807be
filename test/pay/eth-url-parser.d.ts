// eth-url-parser 1.0.4 ships no types; the part the QR test uses.
declare module "eth-url-parser" {
  export interface ParsedEthUrl {
    scheme: string;
    prefix?: string;
    target_address: string;
    chain_id?: string;
    function_name?: string;
    parameters?: Record<string, string | number>;
  }
  export function parse(uri: string): ParsedEthUrl;
  export function build(data: ParsedEthUrl): string;
}
