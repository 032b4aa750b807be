// The pay page's QR, decoded by independent libraries: the SVG we serve is rasterised from its own
// path data, read back with jsQR, and the URI parsed with eth-url-parser. Token, chain id,
// recipient and the exact amount must all survive.
import { describe, expect, it } from "vitest";
import jsQR from "jsqr";
import { parse } from "eth-url-parser";
import { getAddress } from "viem";
import { qrSvg } from "@/lib/pay-page/qr-svg";
import { erc20TransferUri } from "@/lib/payments/eip681";

/**
 * Rasterises qrcode's SVG: a viewBox of N modules, a light <path> background and a dark <path>
 * drawn as "M{x} {y}h{w}" runs of height 1 (with relative m moves). We paint exactly what the SVG
 * path says, so a wrong SVG would decode wrongly or not at all.
 */
function rasterise(svg: string, scale = 8): { data: Uint8ClampedArray; width: number; height: number } {
  const viewBox = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
  if (!viewBox) throw new Error("no viewBox");
  const size = Number(viewBox[1]);
  const dark = /<path[^>]*stroke="#000000"[^>]*d="([^"]+)"/.exec(svg) ?? /<path[^>]*d="([^"]+)"[^>]*stroke="#000000"/.exec(svg);
  if (!dark) throw new Error("no dark path");
  const modules = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  let x = 0;
  let y = 0;
  for (const [, cmd, a, b] of dark[1].matchAll(/([MmHhVv])\s*(-?\d+(?:\.\d+)?)(?:[ ,](-?\d+(?:\.\d+)?))?/g)) {
    const n = Number(a);
    if (cmd === "M") [x, y] = [n, Number(b)];
    else if (cmd === "m") [x, y] = [x + n, y + Number(b)];
    else if (cmd === "h" || cmd === "H") {
      const to = cmd === "h" ? x + n : n;
      // Stroked lines of width 1 centred on y + 0.5.
      for (let i = Math.min(x, to); i < Math.max(x, to); i++) modules[Math.floor(y)][i] = true;
      x = to;
    } else if (cmd === "v") y += n;
    else if (cmd === "V") y = n;
  }
  const width = size * scale;
  const data = new Uint8ClampedArray(width * width * 4);
  for (let py = 0; py < width; py++) {
    for (let px = 0; px < width; px++) {
      const on = modules[Math.floor(py / scale)][Math.floor(px / scale)];
      const o = (py * width + px) * 4;
      data[o] = data[o + 1] = data[o + 2] = on ? 0 : 255;
      data[o + 3] = 255;
    }
  }
  return { data, width, height: width };
}

describe("pay page QR", () => {
  it.each([
    ["Base", "0x833589fcd6edb6e08f4c7c32d4f71b54bda02913", 8453, 27_500_042n],
    ["anvil, large amount", "0x5fbdb2315678afecb367f032d93f642f64180aa3", 31337, 123_456_789_012_345n],
  ])("decodes to the right transfer (%s)", async (_label, usdc, chainId, amount) => {
    const recipient = "0x52908400098527886e0f7030069857d2e4169ee7";
    const uri = erc20TransferUri({ token: usdc, chainId, recipient, amount });
    const img = rasterise(await qrSvg(uri));
    const decoded = jsQR(img.data, img.width, img.height);
    expect(decoded?.data).toBe(uri);

    const parsed = parse(decoded!.data);
    expect(parsed.scheme).toBe("ethereum");
    expect(getAddress(parsed.target_address)).toBe(getAddress(usdc));
    expect(Number(parsed.chain_id)).toBe(chainId);
    expect(parsed.function_name).toBe("transfer");
    expect(getAddress(parsed.parameters!.address as string)).toBe(getAddress(recipient));
    // eth-url-parser turns uint256 into a number string; compare as bigint, exactly.
    expect(BigInt(String(parsed.parameters!.uint256))).toBe(amount);
  });
});
