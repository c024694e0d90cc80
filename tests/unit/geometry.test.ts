import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  fitImage,
  modelToViewport,
  point,
  viewportToModel,
  type ScreenGeometry,
} from '../../extension/geometry.ts';

describe('coordinate mapping', () => {
  test('1:1 capture: a model pixel maps to the centre of the same CSS pixel', () => {
    const g: ScreenGeometry = {
      image: { width: 1024, height: 768 },
      viewport: { width: 1024, height: 768 },
    };
    assert.deepEqual(modelToViewport(point(100, 200), g), { x: 100.5, y: 200.5 });
    assert.deepEqual(viewportToModel(point(100.5, 200.5), g), { x: 100, y: 200 });
  });

  test('device pixel ratio 2: the capture is 2x but the image was scaled to the model size', () => {
    // 1024x768 CSS viewport, captured at 2048x1536, sent at fitImage's size.
    const image = fitImage(
      { width: 2048, height: 1536 },
      { maxLongEdge: 1568, maxPixels: 1_150_000 },
    );
    const g: ScreenGeometry = { image, viewport: { width: 1024, height: 768 } };
    // Every CSS pixel centre maps to a model pixel that maps back within one model pixel.
    const perModelPx = 1024 / image.width;
    for (const css of [
      point<'viewport'>(0.5, 0.5),
      point<'viewport'>(461.5, 171.5),
      point<'viewport'>(1023.5, 767.5),
    ]) {
      const back = modelToViewport(viewportToModel(css, g), g);
      assert.ok(Math.abs(back.x - css.x) <= perModelPx / 2 + 1e-9, `${back.x} vs ${css.x}`);
      assert.ok(Math.abs(back.y - css.y) <= perModelPx / 2 + 1e-9, `${back.y} vs ${css.y}`);
    }
  });

  test('150% page zoom: the viewport is smaller in CSS pixels, the mapping uses it', () => {
    const g: ScreenGeometry = {
      image: { width: 1024, height: 768 },
      viewport: { width: 683, height: 512 },
    };
    const p = modelToViewport(point(512, 384), g);
    assert.ok(Math.abs(p.x - (512.5 * 683) / 1024) < 1e-9);
    assert.ok(Math.abs(p.y - (384.5 * 512) / 768) < 1e-9);
  });

  test('viewportToModel clamps to the image', () => {
    const g: ScreenGeometry = {
      image: { width: 100, height: 50 },
      viewport: { width: 200, height: 100 },
    };
    assert.deepEqual(viewportToModel(point(-5, 500), g), { x: 0, y: 49 });
  });
});

describe('fitImage', () => {
  test('never upscales', () => {
    assert.deepEqual(
      fitImage({ width: 800, height: 600 }, { maxLongEdge: 1568, maxPixels: 1_150_000 }),
      {
        width: 800,
        height: 600,
      },
    );
  });

  test('keeps within the long edge and the pixel budget, keeping the aspect ratio', () => {
    const s = fitImage({ width: 2560, height: 1600 }, { maxLongEdge: 1568, maxPixels: 1_150_000 });
    assert.ok(s.width <= 1568 && s.height <= 1568);
    assert.ok(s.width * s.height <= 1_150_000);
    assert.ok(Math.abs(s.width / s.height - 1.6) < 0.01);
  });
});
