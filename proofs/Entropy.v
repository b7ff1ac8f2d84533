(** * Family H — Cole–Hopf: the heat equation gives viscous Hamilton–Jacobi (1-D).

    Id [entropy.cole_hopf] (THEORY.md, section H).  If [w(t,x) > 0] solves the heat equation
    [w_t = ν w_xx], then [u = −2ν ln w] solves [u_t + ½ u_x² = ν u_xx].

    The partial derivatives of [w] are hypotheses ([is_derive]); those of [u] are derived from
    them with the chain and quotient rules, so the conclusion is about the actual derivatives of
    [u].  The logarithm is only applied where [w > 0] (hypothesis [Hpos]). *)

From Coq Require Import Reals Lra.
From Coquelicot Require Import Coquelicot.
Open Scope R_scope.

(** The derivative of [c · ln f] where [f > 0]. *)
Lemma is_derive_scaled_ln (f : R -> R) (y df c : R) :
  0 < f y -> is_derive f y df -> is_derive (fun z => c * ln (f z)) y (c * df / f y).
Proof.
  intros Hp Hf.
  assert (H : is_derive (fun z => ln (f z)) y (scal df (/ f y))).
  { apply (is_derive_comp ln f y (/ f y) df); [apply is_derive_ln; exact Hp | exact Hf]. }
  apply (is_derive_scal _ _ c) in H.
  eapply is_derive_ext; [intros z; reflexivity|].
  replace (c * df / f y) with (c * scal df (/ f y)); [exact H|].
  unfold scal; simpl; unfold mult; simpl. unfold Rdiv. ring.
Qed.

Theorem entropy_cole_hopf (nu t x wt wxx : R) (w : R -> R -> R) (wx : R -> R) :
  (forall y, 0 < w t y) ->
  is_derive (fun s => w s x) t wt ->
  (forall y, is_derive (fun z => w t z) y (wx y)) ->
  is_derive wx x wxx ->
  wt = nu * wxx ->
  let u := fun s y => -2 * nu * ln (w s y) in
  exists (ut : R) (ux : R -> R) (uxx : R),
    is_derive (fun s => u s x) t ut /\
    (forall y, is_derive (fun z => u t z) y (ux y)) /\
    is_derive ux x uxx /\
    ut + (ux x) ^ 2 / 2 = nu * uxx.
Proof.
  intros Hpos Ht Hx Hxx Heat u.
  exists (-2 * nu * wt / w t x), (fun y => -2 * nu * wx y / w t y),
    (-2 * nu * ((wxx * w t x - wx x * wx x) / (w t x ^ 2))).
  assert (Hw : 0 < w t x) by apply Hpos.
  split; [|split; [|split]].
  - apply (is_derive_scaled_ln (fun s => w s x)); assumption.
  - intros y. apply (is_derive_scaled_ln (fun z => w t z)); [apply Hpos | apply Hx].
  - assert (H : is_derive (fun y => wx y / w t y) x ((wxx * w t x - wx x * wx x) / (w t x ^ 2))).
    { apply (is_derive_div wx (fun z => w t z)); [exact Hxx | apply Hx | lra]. }
    apply (is_derive_scal _ _ (-2 * nu)) in H.
    eapply is_derive_ext; [|exact H]. intros y. simpl. unfold Rdiv. ring.
  - rewrite Heat. field. lra.
Qed.

(** Non-vacuity: [w(t,x) = exp(ν t + x)] is a positive solution of the heat equation. *)
Example entropy_cole_hopf_example (nu t x : R) :
  let w := fun s y => exp (nu * s + y) in
  exists ut (ux : R -> R) uxx,
    is_derive (fun s => -2 * nu * ln (w s x)) t ut /\
    (forall y, is_derive (fun z => -2 * nu * ln (w t z)) y (ux y)) /\
    is_derive ux x uxx /\ ut + (ux x) ^ 2 / 2 = nu * uxx.
Proof.
  intros w.
  apply (entropy_cole_hopf nu t x (nu * exp (nu * t + x)) (exp (nu * t + x)) w (fun y => exp (nu * t + y))).
  - intros y. apply exp_pos.
  - unfold w. auto_derive; [exact I | ring].
  - intros y. unfold w. auto_derive; [exact I | ring].
  - auto_derive; [exact I | ring].
  - reflexivity.
Qed.

Print Assumptions entropy_cole_hopf.
