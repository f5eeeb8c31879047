import { describe, expect, it } from "vitest";
import { checkImage, imageName, MAX_IMAGE_BYTES } from "./images";

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(16)]);

describe("statement images", () => {
  it("accepts real images whatever their extension says, by their first bytes", () => {
    expect(checkImage("Diagram 1.PNG", png)).toEqual({ ok: true, name: "diagram-1.png", mime: "image/png" });
    expect(checkImage("photo.jpg", Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toMatchObject({ ok: true, mime: "image/jpeg" });
  });
  it("refuses SVG, HTML disguised as an image, empty and oversized files", () => {
    expect(checkImage("x.svg", Buffer.from("<svg onload=alert(1)>"))).toMatchObject({ ok: false, message: expect.stringContaining("SVG is not accepted") });
    expect(checkImage("x.png", Buffer.from("<html><script>alert(1)</script>"))).toMatchObject({ ok: false });
    expect(checkImage("x.png", Buffer.alloc(0))).toMatchObject({ ok: false, message: "The file is empty" });
    expect(checkImage("x.png", Buffer.concat([png, Buffer.alloc(MAX_IMAGE_BYTES)]))).toMatchObject({ ok: false });
  });
  it("makes safe names and refuses path tricks", () => {
    expect(imageName("../../etc/passwd")).toBe("passwd");
    expect(imageName("..")).toBeNull();
    expect(imageName("C:\\Users\\me\\pic.png")).toBe("pic.png");
  });
});
