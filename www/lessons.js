// The built-in lesson, as data: each step is a state, a caption, and optionally a question to
// answer before the reveal. A lesson's `lambda` may be 'min' or '1se': the cross-validated λ.
// Authors write their own in the same shape (README, "Lessons").
// The lesson's object is written in strict JSON (double quotes, no trailing commas): the Rust
// test tests/captions.rs reads it from this file and checks every step's claim against the
// numbers at that step's state.
export const BUILTIN_LESSONS = {
  overfitting: {
    "title": "Overfitting and λ",
    "steps": [
      {
        "caption": "Ten noisy points from sin(2πx) (PRML §1.1). A polynomial of degree 9 fitted by least squares has 10 coefficients for 10 points, so it passes through every one of them.",
        "state": { "preset": "sin", "seed": 0, "n": 10, "degree": 9, "penalty": "ols", "showTruth": true, "showTest": true, "showOls": false, "pathAxis": "lambda", "lens": "constrained", "showResamples": false },
        "question": {
          "prompt": "Predict: the training error is almost zero. Will the error on fresh points from the same sine be small too?",
          "answer": "No. Between the points the curve swings far from the sine (the green dashes), so the test error is large: the model has learnt the noise. This is overfitting."
        }
      },
      {
        "caption": "Ridge adds λ/2·‖w‖² to the loss, a price on large coefficients. A little λ tames the curve (ESL §3.4.1).",
        "state": { "penalty": "ridge", "lambda": 0.001, "showOls": true },
        "question": {
          "prompt": "Predict: with ridge, does the curve still pass through every point?",
          "answer": "No. It gives up a little training error to stay smooth; the faint grey curve is the OLS fit it replaced. The test error in the summary drops."
        }
      },
      {
        "caption": "Follow the coefficient paths (top right) as λ grows: the ridge coefficients shrink together towards zero, smoothly, and single paths may cross zero on the way.",
        "state": { "penalty": "ridge", "lambda": 1 },
        "question": {
          "prompt": "Predict: at some large λ, does a ridge coefficient become exactly zero and stay there?",
          "answer": "Never, for any finite λ: a path may pass through zero, but ridge holds no coefficient there, so it keeps every feature. The summary still counts 9 of 9 nonzero."
        }
      },
      {
        "caption": "The lasso penalizes λ·‖w‖₁ instead (ESL §3.4.2). Now coefficients leave the model one by one, and stay exactly zero.",
        "state": { "penalty": "lasso", "lambda": 0.01 },
        "question": {
          "prompt": "Predict: how many of the 9 coefficients does the lasso keep at this λ?",
          "answer": "Only a few: the summary and the path panel count them. The rest are exactly 0, so the lasso also chooses features."
        }
      },
      {
        "caption": "Why exact zeros? In the geometry panel, the loss contours grow until they touch the lasso's diamond. They usually touch it first at a corner, where one coefficient is zero. Ridge's circle has no corners.",
        "state": { "penalty": "lasso", "lambda": 0.01, "lens": "constrained", "region": "penalty", "pair": ["z", "z²"] },
        "question": {
          "prompt": "Predict: switch the penalty to ridge in your head. Where would the contours touch a circle?",
          "answer": "Almost anywhere on its smooth edge, so both coefficients stay nonzero. Try it: choose Ridge and watch the estimate leave the axis."
        }
      },
      {
        "caption": "Which λ? Cross-validation (bottom right) estimates the test error from the training data alone and picks λ_min. The one-standard-error rule picks the largest λ within one SE of it: a simpler model that is about as good.",
        "state": { "penalty": "lasso", "lambda": "min" },
        "question": {
          "prompt": "Predict: will λ_1se keep more coefficients than λ_min, or fewer?",
          "answer": "Fewer (or as many): λ_1se is larger, so the lasso sets more coefficients to zero. Press “use λ_1se” to see it."
        }
      }
    ]
  },
};
