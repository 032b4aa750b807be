// The EIP-681 payment URI as an SVG QR code, rendered on the server (no client JS, no image
// request). Error correction M survives a scratched or glare-covered phone screen at a size that
// still scans easily for a ~150-character URI.
import QRCode from "qrcode";

export const QR_OPTIONS = { errorCorrectionLevel: "M", margin: 2 } as const;

export async function qrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { ...QR_OPTIONS, type: "svg", color: { dark: "#000000", light: "#ffffff" } });
}
