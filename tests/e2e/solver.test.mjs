// The complete solver through the element: path, knots and cross-validation of the sin100 preset
// against the scikit-learn oracle (tests/fixtures/oracle/sin100_d12_*).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, useBrowser } from './browser.mjs';

const env = useBrowser({ page: {} });


const oracle = async (name) =>
  JSON.parse(await readFile(path.join(ROOT, 'tests/fixtures/oracle', `${name}.json`), 'utf8')).reference;

const resultFor = (patch) =>
  env.page.evaluate((p) => {
    const el = document.querySelector('regularization-explorer');
    el.setState(p);
    return el.result;
  }, patch);

function close(what, ours, theirs, relative) {
  assert.ok(Math.abs(ours - theirs) <= relative * Math.max(1, Math.abs(theirs)), `${what}: ${ours} vs ${theirs}`);
}

function checkPath(name, ours, theirs) {
  assert.equal(ours.lambdas.length, theirs.lambdas.length, `${name}: grid size`);
  theirs.lambdas.forEach((l, i) => close(`${name} λ[${i}]`, ours.lambdas[i], l, 1e-12));
  theirs.coef_std.forEach((w, i) => w.forEach((v, j) => close(`${name} w[${i}][${j}]`, ours.coefficients[i][j], v, 1e-7)));
  theirs.df.forEach((d, i) => close(`${name} df[${i}]`, ours.df[i], d, 1e-7));
  assert.deepEqual(ours.nonzero, theirs.nnz, `${name}: nonzero`);
}

function checkCv(name, ours, theirs) {
  theirs.cv_mse.forEach((m, i) => assert.ok(Math.abs(ours.mean[i] - m) <= 1e-6 * m, `${name} cv mean[${i}]`));
  theirs.cv_se.forEach((s, i) => assert.ok(Math.abs(ours.se[i] - s) <= 1e-6 * s, `${name} cv se[${i}]`));
  assert.equal(ours.indexMin, theirs.index_min, `${name}: λ_min index`);
  assert.equal(ours.index1se, theirs.index_1se, `${name}: λ_1se index`);
  close(`${name} λ_min`, ours.lambdaMin, theirs.lambda_min, 1e-12);
  close(`${name} λ_1se`, ours.lambda1se, theirs.lambda_1se, 1e-12);
  assert.equal(ours.folds, 5);
}

test('lasso on sin100, degree 12: path, CV and knots match the oracle', async () => {
  const ref = await oracle('sin100_d12_lasso_path_cv');
  const r = await resultFor({ preset: 'sin100', degree: 12, penalty: 'lasso', lambda: 1e-3 });
  checkPath('lasso', r.path, ref.path);
  checkCv('lasso', r.cv, ref.cv);
  // Replaying the knots gives the oracle's active set at every grid λ.
  assert.ok(r.knots.length >= 12, `${r.knots.length} knots`);
  ref.path.lambdas.forEach((lambda, i) => {
    const active = new Set();
    for (const k of r.knots.filter((k) => k.lambda > lambda * (1 + 1e-9))) {
      if (k.event === 'enter') active.add(k.featureIndex);
      else active.delete(k.featureIndex);
    }
    const nonzero = new Set(ref.path.coef_std[i].flatMap((w, j) => (w !== 0 ? [j] : [])));
    assert.deepEqual([...active].sort(), [...nonzero].sort(), `active set at λ[${i}] = ${lambda}`);
  });
  assert.match(r.knots[0].feature, /^z/);
});

test('ridge on sin100, degree 12: path and CV match the oracle', async () => {
  const ref = await oracle('sin100_d12_ridge_path_cv');
  const r = await resultFor({ preset: 'sin100', degree: 12, penalty: 'ridge', lambda: 1e-3 });
  checkPath('ridge', r.path, ref.path);
  checkCv('ridge', r.cv, ref.cv);
  assert.deepEqual(r.knots, []);
});

test('elastic net (α = 0.5) on sin100, degree 12: the path matches the oracle', async () => {
  const ref = await oracle('sin100_d12_enet_path');
  const r = await resultFor({ preset: 'sin100', degree: 12, penalty: 'elasticnet', alpha: 0.5, lambda: 1e-3 });
  checkPath('elastic net', r.path, ref.path);
  close('fit w[0]', r.standardizedCoefficients[0], ref.fit.coef_std[0], 1e-7);
});

test('the result reports test MSE on a fresh sample, and shrinkage', async () => {
  const r = await resultFor({ preset: 'sin', degree: 9, penalty: 'lasso', lambda: 0.01 });
  assert.equal(r.nTest, 200);
  assert.equal(r.testOrigin, 'fresh sample');
  assert.ok(r.testMse > 0 && Number.isFinite(r.testMse));
  assert.equal(r.path.testMse.length, 100);
  assert.ok(r.shrinkage > 0 && r.shrinkage < 1);
});
