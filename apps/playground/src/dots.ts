/**
 * A data point on a canvas: filled in its colour with a white rim (training points), or white
 * with a rim in its colour (test points, "hollow").
 */
export function drawDot(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  [r, g, b]: readonly [number, number, number],
  hollow: boolean,
  radius: number,
): void {
  ctx.beginPath();
  ctx.arc(x, y, radius, 0, 2 * Math.PI);
  ctx.fillStyle = hollow ? '#fff' : `rgb(${r},${g},${b})`;
  ctx.strokeStyle = hollow ? `rgb(${r},${g},${b})` : '#fff';
  ctx.lineWidth = hollow ? 2 : 1;
  ctx.fill();
  ctx.stroke();
}
