(** * Shared calculus facts for the symshock Coq twin

    - [differentiable_pt_lim_mult]: (u, v) ↦ uv is jointly differentiable at every point,
      with partial derivatives (y, x). Used by the ℝ² non-vacuity examples of
      [Quotient.v] and [Inertia.v]. *)

From Coq Require Import Reals.
From Coquelicot Require Import Coquelicot.

Open Scope R_scope.

Lemma differentiable_pt_lim_mult (x y : R) :
  differentiable_pt_lim (fun u v => u * v) x y y x.
Proof.
  apply filterdiff_differentiable_pt_lim.
  eapply filterdiff_ext_lin.
  - apply (@filterdiff_mult R_AbsRing _ _ (x, y)).
    + intros P HP. exact HP.
    + exact Rmult_comm.
  - intros [a b]. unfold plus, mult. simpl. ring.
Qed.

(** Non-vacuity: the lemma at the point (2, 3). *)
Example differentiable_pt_lim_mult_example : differentiable_pt_lim (fun u v => u * v) 2 3 3 2.
Proof. exact (differentiable_pt_lim_mult 2 3). Qed.

Print Assumptions differentiable_pt_lim_mult.
