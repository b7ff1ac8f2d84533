(** * Family Q — the quotient construction (Miyagawa 2026; Kunin et al. 2021)

    - [quotient_orbit_equiv]: the orbit relation of a group action is an equivalence.
    - [quotient_descend]: choice-free descent through a quotient given with a section.
    - [quotient_grad_orthogonal]: a loss constant along a curve through θ has zero
      derivative along its tangent (ℝ², joint differentiability [differentiable_pt_lim]).
    - [quotient_noether]: over ℝⁿ, for a symmetric M with ⟨G(θ), Mθ⟩ = 0 for every θ
      (G = ∇L of an invariant loss), Q = ½θᵀMθ has derivative 0 along θ' = −G(θ) and is
      constant on the interval of the flow (mean value theorem); the same for ⟨ξ, θ⟩ with a
      constant generator ξ ⟂ G.  [quotient_noether_scalar]: the ℝ² case L(u,v) = f(uv).
    - [quotient_sgd_broken]: the exact one-step norm identities of θ' = (1 − ηλ)θ − ηu
      over ℝⁿ, and their short forms under the orthogonality hypotheses.
    - [quotient_reduced_flow]: along the same flow, w = uv has ẇ = −(u² + v²) f'(w), and
      (u² + v²)² = c² + 4w² with c = u² − v².

    The group structure and the action are records of operations with their axioms; every
    claim is a hypothesis-to-conclusion statement. No division appears except by a
    positive group element in the non-vacuity instance. *)

From Coq Require Import Reals Lra Lia Eqdep_dec.
From Coquelicot Require Import Coquelicot.
From SymShock Require Import Calculus.
Open Scope R_scope.

(** ** Groups, actions, orbits *)

Record Group := {
  carrier :> Type;
  op : carrier -> carrier -> carrier;
  unit : carrier;
  inv : carrier -> carrier;
  op_assoc : forall a b c, op (op a b) c = op a (op b c);
  op_unit_l : forall a, op unit a = a;
  op_inv_l : forall a, op (inv a) a = unit
}.

Record Action (G : Group) (X : Type) := {
  act : G -> X -> X;
  act_unit : forall x, act (unit G) x = x;
  act_op : forall g h x, act (op G g h) x = act g (act h x)
}.

Arguments act {G X} _ _ _.
Arguments act_unit {G X} _ _.
Arguments act_op {G X} _ _ _ _.

Definition orbit {G : Group} {X : Type} (A : Action G X) (x y : X) : Prop :=
  exists g : G, act A g x = y.

Theorem quotient_orbit_equiv (G : Group) (X : Type) (A : Action G X) :
  (forall x, orbit A x x) /\
  (forall x y, orbit A x y -> orbit A y x) /\
  (forall x y z, orbit A x y -> orbit A y z -> orbit A x z).
Proof.
  split; [| split].
  - intro x. exists (unit G). apply act_unit.
  - intros x y [g Hg]. exists (inv G g). rewrite <- Hg, <- act_op, op_inv_l. apply act_unit.
  - intros x y z [g Hg] [h Hh]. exists (op G h g). rewrite act_op, Hg. exact Hh.
Qed.

(** ** quotient.descend

    Q is any type with π : X → Q and a section sec, π ∘ sec = id, whose fibres are exactly
    the orbits.  Conclusions: (1) an invariant L factors as (L ∘ sec) ∘ π; (2) any M with
    M ∘ π = L is L ∘ sec (uniqueness); (3) M ∘ π is invariant for every M. *)
Theorem quotient_descend (G : Group) (X Q Y : Type) (A : Action G X)
    (pi : X -> Q) (sec : Q -> X) :
  (forall q, pi (sec q) = q) ->
  (forall x y, pi x = pi y <-> orbit A x y) ->
  (forall L : X -> Y, (forall g x, L (act A g x) = L x) -> forall x, L x = L (sec (pi x))) /\
  (forall (L : X -> Y) (M : Q -> Y), (forall x, M (pi x) = L x) -> forall q, M q = L (sec q)) /\
  (forall (M : Q -> Y) g x, M (pi (act A g x)) = M (pi x)).
Proof.
  intros Hsec Hfib. split; [| split].
  - intros L Hinv x.
    destruct (proj1 (Hfib x (sec (pi x))) (eq_sym (Hsec (pi x)))) as [g Hg].
    rewrite <- Hg. symmetry. apply Hinv.
  - intros L M HM q. rewrite <- HM, Hsec. reflexivity.
  - intros M g x. f_equal. symmetry. apply Hfib. exists g. reflexivity.
Qed.

(** *** Non-vacuity: ℝ_{>0} acting on {(u, v) | u > 0} by α·(u, v) = (αu, v/α)

    Positivity is carried by a boolean, so equality of elements is equality of the
    underlying reals without any proof-irrelevance axiom. *)

Definition posb (a : R) : bool := if Rlt_dec 0 a then true else false.

Lemma posb_spec (a : R) : posb a = true <-> 0 < a.
Proof. unfold posb. destruct (Rlt_dec 0 a); split; intro H; easy. Qed.

Lemma posb_intro (a : R) : 0 < a -> posb a = true.
Proof. apply posb_spec. Qed.

Definition Rpos := {a : R | posb a = true}.
Definition pval (a : Rpos) : R := proj1_sig a.

Lemma pval_pos (a : Rpos) : 0 < pval a.
Proof. apply posb_spec. exact (proj2_sig a). Qed.

Lemma Rpos_eq (a b : Rpos) : pval a = pval b -> a = b.
Proof.
  destruct a as [a Ha], b as [b Hb]. unfold pval. simpl. intros ->.
  f_equal. apply UIP_dec, Bool.bool_dec.
Qed.

Definition Rpos_mul (a b : Rpos) : Rpos :=
  exist _ (pval a * pval b) (posb_intro _ (Rmult_lt_0_compat _ _ (pval_pos a) (pval_pos b))).
Definition Rpos_one : Rpos := exist _ 1 (posb_intro _ Rlt_0_1).
Definition Rpos_inv (a : Rpos) : Rpos := exist _ (/ pval a) (posb_intro _ (Rinv_0_lt_compat _ (pval_pos a))).

Definition Rpos_group : Group.
Proof.
  refine {| carrier := Rpos; op := Rpos_mul; unit := Rpos_one; inv := Rpos_inv |}.
  - intros a b c. apply Rpos_eq. change (pval a * pval b * pval c = pval a * (pval b * pval c)). ring.
  - intro a. apply Rpos_eq. change (1 * pval a = pval a). ring.
  - intro a. apply Rpos_eq. unfold Rpos_mul, Rpos_inv, Rpos_one.
    change (/ pval a * pval a = 1). apply Rinv_l. apply Rgt_not_eq, pval_pos.
Defined.

(** The half-plane u > 0. *)
Definition Half := {p : R * R | posb (fst p) = true}.
Definition hu (x : Half) : R := fst (proj1_sig x).
Definition hv (x : Half) : R := snd (proj1_sig x).

Lemma hu_pos (x : Half) : 0 < hu x.
Proof. apply posb_spec. exact (proj2_sig x). Qed.

Lemma Half_eq (x y : Half) : hu x = hu y -> hv x = hv y -> x = y.
Proof.
  destruct x as [[u v] Hx], y as [[u' v'] Hy]. unfold hu, hv. simpl. intros -> ->.
  f_equal. apply UIP_dec, Bool.bool_dec.
Qed.

Definition rescale (a : Rpos) (x : Half) : Half :=
  exist _ (pval a * hu x, hv x / pval a)
        (posb_intro _ (Rmult_lt_0_compat _ _ (pval_pos a) (hu_pos x))).

Lemma rescale_hu a x : hu (rescale a x) = pval a * hu x.
Proof. reflexivity. Qed.
Lemma rescale_hv a x : hv (rescale a x) = hv x / pval a.
Proof. reflexivity. Qed.

Definition rescale_action : Action Rpos_group Half.
Proof.
  refine (Build_Action Rpos_group Half rescale _ _).
  - intro x. apply Half_eq.
    + rewrite rescale_hu. change (1 * hu x = hu x). ring.
    + rewrite rescale_hv. change (hv x / 1 = hv x). field.
  - intros g h x. pose proof (pval_pos g). pose proof (pval_pos h). apply Half_eq.
    + rewrite !rescale_hu. change (pval g * pval h * hu x = pval g * (pval h * hu x)). ring.
    + rewrite !rescale_hv. change (hv x / (pval g * pval h) = hv x / pval h / pval g).
      field. split; apply Rgt_not_eq; assumption.
Defined.

Definition prod_pi (x : Half) : R := hu x * hv x.
Definition prod_sec (w : R) : Half := exist _ (1, w) (posb_intro _ Rlt_0_1).

Lemma prod_pi_sec (w : R) : prod_pi (prod_sec w) = w.
Proof. unfold prod_pi, hu, hv. simpl. ring. Qed.

Lemma prod_fibres (x y : Half) : prod_pi x = prod_pi y <-> orbit rescale_action x y.
Proof.
  pose proof (hu_pos x) as Hx. pose proof (hu_pos y) as Hy. unfold prod_pi. split.
  - intro Hxy.
    set (a := exist (fun r => posb r = true) (hu y / hu x)
                (posb_intro _ (Rdiv_lt_0_compat _ _ Hy Hx)) : Rpos).
    exists a. apply Half_eq.
    + change (hu y / hu x * hu x = hu y). field. lra.
    + change (hv x / (hu y / hu x) = hv y).
      apply (Rmult_eq_reg_l (hu y)); [| lra].
      replace (hu y * (hv x / (hu y / hu x))) with (hu x * hv x) by (field; lra). lra.
  - intros [g Hg]. rewrite <- Hg. pose proof (pval_pos g).
    change (hu x * hv x = pval g * hu x * (hv x / pval g)). field. lra.
Qed.

(** Non-vacuity: ℝ_{>0} acting on the half-plane by (αu, v/α), with π(u, v) = uv and
    sec(w) = (1, w), meets both hypotheses; the invariant L = uv equals L ∘ sec ∘ π, while the
    coordinate u is not invariant and indeed u ≠ u ∘ sec ∘ π at (2, 1). *)
Example quotient_descend_example :
  let A := rescale_action in let pi := prod_pi in let sec := prod_sec in
  (forall q, pi (sec q) = q) /\
  (forall x y, pi x = pi y <-> orbit A x y) /\
  (forall x : Half, pi x = pi (sec (pi x))) /\
  exists x : Half, hu x <> hu (sec (pi x)).
Proof.
  cbv zeta.
  split; [exact prod_pi_sec|]. split; [exact prod_fibres|]. split.
  - apply (proj1 (quotient_descend Rpos_group Half R R rescale_action prod_pi prod_sec
                    prod_pi_sec prod_fibres)).
    intros g x. unfold prod_pi. rewrite rescale_hu, rescale_hv.
    pose proof (pval_pos g). field. lra.
  - exists (exist _ (2, 1) (posb_intro _ Rlt_0_2)).
    unfold prod_sec, prod_pi, hu, hv. simpl. lra.
Qed.

(** ** quotient.grad_orthogonal

    γ = (γ₁, γ₂) passes through θ at s = 0 with velocity (d₁, d₂); L is differentiable at θ
    with gradient (l₁, l₂); L ∘ γ is constant near 0.  Then ⟨∇L(θ), γ'(0)⟩ = 0. *)
Theorem quotient_grad_orthogonal (L : R -> R -> R) (g1 g2 : R -> R) (th1 th2 l1 l2 d1 d2 : R) :
  g1 0 = th1 -> g2 0 = th2 ->
  is_derive g1 0 d1 -> is_derive g2 0 d2 ->
  differentiable_pt_lim L th1 th2 l1 l2 ->
  locally 0 (fun s => L (g1 s) (g2 s) = L th1 th2) ->
  l1 * d1 + l2 * d2 = 0.
Proof.
  intros H1 H2 D1 D2 DL Hconst. subst th1 th2.
  assert (Hchain : is_derive (fun s => L (g1 s) (g2 s)) 0 (l1 * d1 + l2 * d2)).
  { apply is_derive_Reals, derivable_pt_lim_comp_2d; [exact DL | |];
      apply is_derive_Reals; assumption. }
  assert (Hzero : is_derive (fun s => L (g1 s) (g2 s)) 0 0).
  { apply (is_derive_ext_loc (fun _ => L (g1 0) (g2 0))).
    - apply (filter_imp _ _ (fun s H => eq_sym H) Hconst).
    - apply (is_derive_const (L (g1 0) (g2 0)) 0). }
  apply is_derive_unique in Hchain. apply is_derive_unique in Hzero.
  rewrite <- Hchain. exact Hzero.
Qed.

(** Non-vacuity: L(u, v) = uv is constant along the rescaling orbit s ↦ (eˢ, e⁻ˢ) through
    (1, 1), whose velocity (1, −1) is orthogonal to ∇L(1, 1) = (1, 1). *)
Example quotient_grad_orthogonal_example :
  let L := fun u v => u * v in let g1 := exp in let g2 := fun s => exp (- s) in
  let th1 := 1 in let th2 := 1 in let l1 := 1 in let l2 := 1 in let d1 := 1 in let d2 := -1 in
  g1 0 = th1 /\ g2 0 = th2 /\ is_derive g1 0 d1 /\ is_derive g2 0 d2 /\
  differentiable_pt_lim L th1 th2 l1 l2 /\
  locally 0 (fun s => L (g1 s) (g2 s) = L th1 th2) /\
  l1 * d1 + l2 * d2 = 0.
Proof.
  intros L g1 g2 th1 th2 l1 l2 d1 d2.
  assert (H1 : g1 0 = th1) by apply exp_0.
  assert (H2 : g2 0 = th2) by (unfold g2, th2; rewrite Ropp_0; apply exp_0).
  assert (D1 : is_derive g1 0 d1) by (unfold g1, d1; auto_derive; [exact I | rewrite exp_0; ring]).
  assert (D2 : is_derive g2 0 d2) by (unfold g2, d2; auto_derive; [exact I | rewrite Ropp_0, exp_0; ring]).
  assert (DL : differentiable_pt_lim L th1 th2 l1 l2) by apply differentiable_pt_lim_mult.
  assert (C : locally 0 (fun s => L (g1 s) (g2 s) = L th1 th2)).
  { apply filter_forall. intro s. unfold L, g1, g2, th1, th2.
    rewrite <- exp_plus, Rplus_opp_r, exp_0. ring. }
  do 6 (split; [assumption|]).
  exact (quotient_grad_orthogonal L g1 g2 th1 th2 l1 l2 d1 d2 H1 H2 D1 D2 DL C).
Qed.

(** ** quotient.noether and quotient.reduced_flow

    Gradient flow of L(u, v) = f(uv): ∂uL = v f'(uv), ∂vL = u f'(uv), so u' = −v f'(uv)
    and v' = −u f'(uv).  Only f' enters. *)

Lemma is_derive_val (f : R -> R) (x l l' : R) :
  is_derive f x l -> l = l' -> is_derive f x l'.
Proof. intros H ->. exact H. Qed.

Lemma is_derive_sq (u : R -> R) (t a : R) :
  is_derive u t a -> is_derive (fun s => u s ^ 2) t (2 * u t * a).
Proof.
  intro Hu. eapply is_derive_val. { apply is_derive_pow, Hu. }
  replace (INR 2) with 2 by (simpl; ring). change (pred 2) with 1%nat. ring.
Qed.

Lemma quotient_noether_scalar (f' u v : R -> R) (t : R) :
  is_derive u t (- v t * f' (u t * v t)) ->
  is_derive v t (- u t * f' (u t * v t)) ->
  is_derive (fun s => u s ^ 2 - v s ^ 2) t 0.
Proof.
  intros Hu Hv. eapply is_derive_val.
  { apply (is_derive_minus (fun s => u s ^ 2) (fun s => v s ^ 2)); apply is_derive_sq; eassumption. }
  change (2 * u t * (- v t * f' (u t * v t)) - 2 * v t * (- u t * f' (u t * v t)) = 0). ring.
Qed.

(** Non-vacuity of the scalar form: f(w) = w (f' = 1) and the trajectory u = eᵗ + e⁻ᵗ,
    v = e⁻ᵗ − eᵗ, on which c = u² − v² = 4. *)
Example quotient_noether_scalar_example (t : R) :
  is_derive (fun s => (exp s + exp (- s)) ^ 2 - (exp (- s) - exp s) ^ 2) t 0.
Proof.
  apply (quotient_noether_scalar (fun _ => 1)); auto_derive; try exact I; ring.
Qed.

Theorem quotient_reduced_flow (f' u v : R -> R) (t : R) :
  is_derive u t (- v t * f' (u t * v t)) ->
  is_derive v t (- u t * f' (u t * v t)) ->
  is_derive (fun s => u s * v s) t (- (u t ^ 2 + v t ^ 2) * f' (u t * v t)) /\
  (u t ^ 2 + v t ^ 2) ^ 2 = (u t ^ 2 - v t ^ 2) ^ 2 + 4 * (u t * v t) ^ 2.
Proof.
  intros Hu Hv. split.
  - eapply is_derive_val.
    { apply is_derive_Reals, derivable_pt_lim_mult; apply is_derive_Reals; eassumption. }
    ring.
  - ring.
Qed.

(** Non-vacuity: f' = 1 and the trajectory u = eᵗ + e⁻ᵗ, v = e⁻ᵗ − eᵗ (c = 4, w = uv ≠ 0). *)
Example quotient_reduced_flow_example :
  let f' := fun _ : R => 1 in let u := fun s => exp s + exp (- s) in
  let v := fun s => exp (- s) - exp s in let t := 1 in
  is_derive u t (- v t * f' (u t * v t)) /\ is_derive v t (- u t * f' (u t * v t)) /\
  is_derive (fun s => u s * v s) t (- (u t ^ 2 + v t ^ 2) * f' (u t * v t)) /\
  (u t ^ 2 + v t ^ 2) ^ 2 = 4 ^ 2 + 4 * (u t * v t) ^ 2.
Proof.
  intros f' u v t.
  assert (Hu : is_derive u t (- v t * f' (u t * v t))) by (unfold u, v, f'; auto_derive; [exact I | ring]).
  assert (Hv : is_derive v t (- u t * f' (u t * v t))) by (unfold u, v, f'; auto_derive; [exact I | ring]).
  destruct (quotient_reduced_flow f' u v t Hu Hv) as [Hw Hc].
  split; [exact Hu|]. split; [exact Hv|]. split; [exact Hw|].
  rewrite Hc. unfold u, v.
  assert (E : exp t * exp (- t) = 1) by (rewrite <- exp_plus, Rplus_opp_r; apply exp_0).
  replace ((exp t + exp (- t)) ^ 2 - (exp (- t) - exp t) ^ 2) with (4 * (exp t * exp (- t))) by ring.
  rewrite E. ring.
Qed.

(** ** quotient.sgd_broken

    Vectors of ℝⁿ are [nat -> R] read on 0..n−1; [dot n x y] = Σ_{i<n} xᵢyᵢ.
    The update is θ' = (1 − ηλ)θ − ηu. *)

Fixpoint dot (n : nat) (x y : nat -> R) : R :=
  match n with
  | O => 0
  | S k => dot k x y + x k * y k
  end.

Definition update (eta lam : R) (th u : nat -> R) : nat -> R :=
  fun i => (1 - eta * lam) * th i - eta * u i.

Definition ones : nat -> R := fun _ => 1.

Lemma dot_update_sq (n : nat) (eta lam : R) (th u : nat -> R) :
  dot n (update eta lam th u) (update eta lam th u)
  = (1 - eta * lam) ^ 2 * dot n th th - 2 * eta * (1 - eta * lam) * dot n th u + eta ^ 2 * dot n u u.
Proof. induction n as [| n IH]; simpl; [ring | rewrite IH; unfold update; ring]. Qed.

Lemma dot_update_ones (n : nat) (eta lam : R) (th u : nat -> R) :
  dot n (update eta lam th u) ones = (1 - eta * lam) * dot n th ones - eta * dot n u ones.
Proof. induction n as [| n IH]; simpl; [ring | rewrite IH; unfold update; ring]. Qed.

Theorem quotient_sgd_broken :
  (* general update *)
  (forall n eta lam th u,
     dot n (update eta lam th u) (update eta lam th u)
     = (1 - eta * lam) ^ 2 * dot n th th - 2 * eta * (1 - eta * lam) * dot n th u
       + eta ^ 2 * dot n u u) /\
  (* scale invariance: ⟨θ_a, g_a⟩ = 0 *)
  (forall n eta lam th g,
     dot n th g = 0 ->
     dot n (update eta lam th g) (update eta lam th g)
     = (1 - eta * lam) ^ 2 * dot n th th + eta ^ 2 * dot n g g) /\
  (* rescaling: ⟨θ_a, g_a⟩ − ⟨θ_b, g_b⟩ = 0, D = |θ_a|² − |θ_b|² *)
  (forall na nb eta lam tha thb ga gb,
     dot na tha ga - dot nb thb gb = 0 ->
     dot na (update eta lam tha ga) (update eta lam tha ga)
       - dot nb (update eta lam thb gb) (update eta lam thb gb)
     = (1 - eta * lam) ^ 2 * (dot na tha tha - dot nb thb thb)
       + eta ^ 2 * (dot na ga ga - dot nb gb gb)) /\
  (* translation: ⟨g_a, 𝟙⟩ = 0 *)
  (forall n eta lam th g,
     dot n g ones = 0 ->
     dot n (update eta lam th g) ones = (1 - eta * lam) * dot n th ones).
Proof.
  split; [| split; [| split]].
  - exact dot_update_sq.
  - intros n eta lam th g H. rewrite dot_update_sq, H. ring.
  - intros na nb eta lam tha thb ga gb H. rewrite !dot_update_sq.
    replace (dot na tha ga) with (dot nb thb gb) by lra. ring.
  - intros n eta lam th g H. rewrite dot_update_ones, H. ring.
Qed.

(** Non-vacuity: θ = (1, 0), g = (0, 1) in ℝ² are orthogonal, and |θ'|² = (1 − ηλ)² + η². *)
Definition e0 : nat -> R := fun i => match i with O => 1 | _ => 0 end.
Definition e1 : nat -> R := fun i => match i with 1%nat => 1 | _ => 0 end.

Example quotient_sgd_broken_example (eta lam : R) :
  let n := 2%nat in let th := e0 in let g := e1 in
  dot n th g = 0 /\
  dot n (update eta lam th g) (update eta lam th g) = (1 - eta * lam) ^ 2 * 1 + eta ^ 2 * 1.
Proof.
  intros n th g.
  assert (H : dot n th g = 0) by (unfold n, th, g; simpl; ring).
  split; [exact H|].
  rewrite (proj1 (proj2 quotient_sgd_broken) n eta lam th g H).
  unfold n, th, g. simpl. ring.
Qed.

Fixpoint rsum (n : nat) (f : nat -> R) : R :=
  match n with O => 0 | S k => rsum k f + f k end.

Lemma rsum_ext n f g : (forall i, (i < n)%nat -> f i = g i) -> rsum n f = rsum n g.
Proof. induction n; intros H; simpl; [reflexivity|]. rewrite IHn, H; [reflexivity | lia | intros; apply H; lia]. Qed.

Lemma rsum_plus n f g : rsum n (fun i => f i + g i) = rsum n f + rsum n g.
Proof. induction n; simpl; [ring | rewrite IHn; ring]. Qed.

Lemma rsum_scal n c f : rsum n (fun i => c * f i) = c * rsum n f.
Proof. induction n; simpl; [ring | rewrite IHn; ring]. Qed.

Lemma rsum_swap n m (a : nat -> nat -> R) :
  rsum n (fun i => rsum m (fun j => a i j)) = rsum m (fun j => rsum n (fun i => a i j)).
Proof.
  induction n; simpl.
  - induction m; simpl; [reflexivity | rewrite <- IHm; ring].
  - rewrite IHn, <- rsum_plus. reflexivity.
Qed.

Lemma dot_rsum n x y : dot n x y = rsum n (fun i => x i * y i).
Proof. induction n; simpl; [reflexivity | rewrite IHn; reflexivity]. Qed.

(** [(M x)_i = Σ_{j<n} M_ij x_j] *)
Definition matvec (n : nat) (M : nat -> nat -> R) (x : nat -> R) : nat -> R := fun i => dot n (M i) x.

Lemma dot_matvec_sym n M x y : (forall i j, M i j = M j i) ->
  dot n (matvec n M x) y = dot n x (matvec n M y).
Proof.
  intros HM. unfold matvec. rewrite !dot_rsum. cbv beta.
  rewrite (rsum_ext n (fun i => dot n (M i) x * y i) (fun i => rsum n (fun j => M i j * x j * y i))).
  2:{ intros i _. rewrite dot_rsum.
      rewrite (Rmult_comm (rsum n (fun j => M i j * x j)) (y i)), <- rsum_scal.
      apply rsum_ext. intros j _. ring. }
  rewrite (rsum_ext n (fun i => x i * dot n (M i) y) (fun j => rsum n (fun i => M i j * x j * y i))).
  2:{ intros j _. rewrite dot_rsum, <- (rsum_scal n (x j) (fun i => M j i * y i)).
      apply rsum_ext. intros i _. rewrite (HM j i). ring. }
  apply rsum_swap.
Qed.

Lemma is_derive_dot n (x y : R -> nat -> R) (dx dy : nat -> R) t :
  (forall i, (i < n)%nat -> is_derive (fun s => x s i) t (dx i)) ->
  (forall i, (i < n)%nat -> is_derive (fun s => y s i) t (dy i)) ->
  is_derive (fun s => dot n (x s) (y s)) t (dot n dx (y t) + dot n (x t) dy).
Proof.
  induction n as [| n IH]; intros Hx Hy.
  - apply (is_derive_ext (fun _ => 0)); [intros s; reflexivity|].
    replace (dot 0 dx (y t) + dot 0 (x t) dy) with 0 by (simpl; ring).
    apply (is_derive_const (0 : R)).
  - assert (H1 : is_derive (fun s => dot n (x s) (y s)) t (dot n dx (y t) + dot n (x t) dy)).
    { apply IH; intros i Hi; [apply Hx | apply Hy]; lia. }
    assert (Hxn : is_derive (fun s => x s n) t (dx n)) by (apply Hx; lia).
    assert (Hyn : is_derive (fun s => y s n) t (dy n)) by (apply Hy; lia).
    assert (H2 := is_derive_mult _ _ _ _ _ Hxn Hyn ltac:(intros; apply Rmult_comm)).
    assert (H3 := is_derive_plus _ _ _ _ _ H1 H2).
    apply (is_derive_ext (fun s => dot n (x s) (y s) + x s n * y s n)); [intros s; reflexivity|].
    replace (dot (S n) dx (y t) + dot (S n) (x t) dy)
      with (plus (dot n dx (y t) + dot n (x t) dy) (plus (mult (dx n) (y t n)) (mult (x t n) (dy n)))).
    + exact H3.
    + change (dot (S n) dx (y t)) with (dot n dx (y t) + dx n * y t n).
      change (dot (S n) (x t) dy) with (dot n (x t) dy + x t n * dy n).
      unfold plus, mult; simpl. ring.
Qed.

Lemma dot_zero_l n y : dot n (fun _ => 0) y = 0.
Proof. induction n as [| n IH]; simpl; [reflexivity | rewrite IH; ring]. Qed.

Lemma is_derive_matvec n M (x : R -> nat -> R) (dx : nat -> R) t i :
  (forall j, (j < n)%nat -> is_derive (fun s => x s j) t (dx j)) ->
  is_derive (fun s => matvec n M (x s) i) t (matvec n M dx i).
Proof.
  intros Hx. unfold matvec.
  assert (H := is_derive_dot n (fun _ => M i) x (fun _ => 0) dx t
                 (fun j _ => is_derive_const (M i j) t) Hx).
  rewrite dot_zero_l, Rplus_0_l in H. exact H.
Qed.

(** Zero derivative on [[a, b]] gives a constant (mean value theorem). *)
Lemma constant_of_derive_zero (q : R -> R) (a b : R) :
  a <= b -> (forall t, a <= t <= b -> is_derive q t 0) -> q b = q a.
Proof.
  intros Hab Hq.
  destruct (Req_dec a b) as [->|Hne]; [reflexivity|].
  destruct (MVT_gen q a b (fun _ => 0)) as [c [Hc Hm]].
  - intros t Ht. rewrite Rmin_left in Ht by lra. rewrite Rmax_right in Ht by lra. apply Hq. lra.
  - intros t Ht. rewrite Rmin_left in Ht by lra. rewrite Rmax_right in Ht by lra.
    apply continuity_pt_filterlim. apply (@ex_derive_continuous R_AbsRing R_NormedModule).
    exists 0. apply Hq. lra.
  - lra.
Qed.

Lemma dot_comm n x y : dot n x y = dot n y x.
Proof. induction n; simpl; [reflexivity | rewrite IHn; ring]. Qed.

Lemma dot_opp_l n x y : dot n (fun i => - x i) y = - dot n x y.
Proof. induction n; simpl; [ring | rewrite IHn; ring]. Qed.

(** ** quotient.noether over ℝⁿ

    [G] is the gradient field [∇L] (any field will do), [M] a symmetric matrix with
    [⟨G(θ), Mθ⟩ = 0] for every [θ] (the symmetry), [ξ] a constant generator with [⟨G(θ), ξ⟩ = 0],
    and [θ] a gradient-flow trajectory [θ' = −G(θ)] on [[a, b]].  Then [Q = ½θᵀMθ] and [⟨ξ, θ⟩]
    have derivative 0 on [[a, b]] and take the same value at [a] and [b]. *)
Theorem quotient_noether (n : nat) (M : nat -> nat -> R) (xi : nat -> R)
    (G : (nat -> R) -> nat -> R) (th : R -> nat -> R) (a b : R) :
  (forall i j, M i j = M j i) ->
  (forall x, dot n (G x) (matvec n M x) = 0) ->
  (forall x, dot n (G x) xi = 0) ->
  a <= b ->
  (forall t, a <= t <= b -> forall i, (i < n)%nat -> is_derive (fun s => th s i) t (- G (th t) i)) ->
  (forall t, a <= t <= b -> is_derive (fun s => dot n (matvec n M (th s)) (th s) / 2) t 0) /\
  dot n (matvec n M (th b)) (th b) / 2 = dot n (matvec n M (th a)) (th a) / 2 /\
  (forall t, a <= t <= b -> is_derive (fun s => dot n xi (th s)) t 0) /\
  dot n xi (th b) = dot n xi (th a).
Proof.
  intros HM Horth Hxi Hab Hflow.
  assert (DQ : forall t, a <= t <= b -> is_derive (fun s => dot n (matvec n M (th s)) (th s) / 2) t 0).
  { intros t Ht.
    set (g := fun i => - G (th t) i).
    assert (H := is_derive_dot n (fun s => matvec n M (th s)) th (matvec n M g) g t
                   (fun i _ => is_derive_matvec n M th g t i (Hflow t Ht))
                   (Hflow t Ht)).
    apply (is_derive_scal _ _ (/ 2)) in H.
    eapply is_derive_ext; [intros s; simpl; unfold Rdiv; apply Rmult_comm|].
    eapply is_derive_val; [exact H|].
    rewrite dot_matvec_sym by exact HM. rewrite (dot_comm n (matvec n M (th t)) g).
    unfold g. rewrite dot_opp_l, Horth. unfold scal; simpl; unfold mult; simpl. ring. }
  assert (DX : forall t, a <= t <= b -> is_derive (fun s => dot n xi (th s)) t 0).
  { intros t Ht.
    assert (H := is_derive_dot n (fun _ => xi) th (fun _ => 0) (fun i => - G (th t) i) t
                   (fun i _ => is_derive_const _ _) (Hflow t Ht)).
    eapply is_derive_val; [exact H|].
    rewrite dot_zero_l, (dot_comm n xi), dot_opp_l, Hxi.
    ring. }
  split; [exact DQ|].
  split; [exact (constant_of_derive_zero (fun s => dot n (matvec n M (th s)) (th s) / 2) a b Hab DQ)|].
  split; [exact DX | exact (constant_of_derive_zero (fun s => dot n xi (th s)) a b Hab DX)].
Qed.

(** Non-vacuity: [L(u, v) = uv] ([f' = 1], [G(u, v) = (v, u)]) with the rescaling generator
    [M = diag(1, −1)] and the translation-free direction [ξ = 0]; the trajectory
    [u = eᵗ + e⁻ᵗ], [v = e⁻ᵗ − eᵗ] solves [θ' = −G(θ)] and keeps [Q = (u² − v²)/2 = 2]. *)
Definition rescale_M (i j : nat) : R :=
  match i, j with O, O => 1 | 1%nat, 1%nat => -1 | _, _ => 0 end.
Definition swap_G (x : nat -> R) : nat -> R := fun i => match i with O => x 1%nat | _ => x O end.
Definition hyp_th (t : R) : nat -> R :=
  fun i => match i with O => exp t + exp (- t) | _ => exp (- t) - exp t end.

Example quotient_noether_example :
  let n := 2%nat in let M := rescale_M in let xi := fun _ : nat => 0 in let G := swap_G in
  let th := hyp_th in let a := 0 in let b := 1 in
  (forall i j, M i j = M j i) /\
  (forall x, dot n (G x) (matvec n M x) = 0) /\
  (forall x, dot n (G x) xi = 0) /\
  a <= b /\
  (forall t, a <= t <= b -> forall i, (i < n)%nat -> is_derive (fun s => th s i) t (- G (th t) i)) /\
  dot n (matvec n M (th b)) (th b) / 2 = 2.
Proof.
  intros n M xi G th a b.
  assert (HM : forall i j, M i j = M j i).
  { intros [|[|i]] [|[|j]]; reflexivity. }
  assert (Ho : forall x, dot n (G x) (matvec n M x) = 0).
  { intros x. unfold n, G, M, matvec, swap_G, rescale_M. simpl. ring. }
  assert (Hx : forall x, dot n (G x) xi = 0) by (intros x; unfold n, xi; simpl; ring).
  assert (Hf : forall t, a <= t <= b -> forall i, (i < n)%nat ->
            is_derive (fun s => th s i) t (- G (th t) i)).
  { intros t _ [|[|i]] Hi; unfold th, G, hyp_th, swap_G.
    - auto_derive; [exact I | ring].
    - auto_derive; [exact I | ring].
    - unfold n in Hi. lia. }
  destruct (quotient_noether n M xi G th a b HM Ho Hx ltac:(unfold a, b; lra) Hf) as (_ & HQ & _).
  do 5 (split; [assumption || (unfold a, b; lra)|]).
  rewrite HQ. unfold n, M, th, matvec, hyp_th, rescale_M, a. simpl.
  rewrite Ropp_0, exp_0. field.
Qed.

(** ** quotient.leaf *)

Lemma exp_sq_lt (a b : R) : a < b -> exp a ^ 2 < exp b ^ 2.
Proof.
  intros H. assert (Ha := exp_pos a). assert (Hab := exp_increasing a b H). nra.
Qed.

Theorem quotient_leaf :
  (* Q along the orbit s ↦ (eˢu, e⁻ˢv): derivative 2|M e^{sM} θ|² *)
  (forall u v s, is_derive (fun r => (exp r * u) ^ 2 - (exp (- r) * v) ^ 2) s
                   (2 * ((exp s * u) ^ 2 + (exp (- s) * v) ^ 2))) /\
  (* strictly increasing unless Mθ = 0, so an orbit meets each leaf at most once *)
  (forall u v s1 s2, u <> 0 \/ v <> 0 -> s1 < s2 ->
     (exp s1 * u) ^ 2 - (exp (- s1) * v) ^ 2 < (exp s2 * u) ^ 2 - (exp (- s2) * v) ^ 2) /\
  (* ∇L of L = f(uv) is tangent to the leaf: ⟨∇L, Mθ⟩ = 0 *)
  (forall (f1 : R -> R) u v, (v * f1 (u * v)) * u + (u * f1 (u * v)) * (- v) = 0) /\
  (* the induced metric: a curve tangent to the leaf has (u² + v²)|θ'|² = w'² *)
  (forall (u v : R -> R) (tau du dv : R),
     is_derive u tau du -> is_derive v tau dv ->
     u tau * du - v tau * dv = 0 ->
     is_derive (fun r => u r * v r) tau (du * v tau + u tau * dv) /\
     (u tau ^ 2 + v tau ^ 2) * (du ^ 2 + dv ^ 2) = (du * v tau + u tau * dv) ^ 2 /\
     (u tau ^ 2 + v tau ^ 2) ^ 2 = (u tau ^ 2 - v tau ^ 2) ^ 2 + 4 * (u tau * v tau) ^ 2).
Proof.
  split; [|split; [|split]].
  - intros u v s. auto_derive; [exact I | ring].
  - intros u v s1 s2 Huv Hs.
    assert (E1 := exp_sq_lt s1 s2 Hs).
    assert (E2 := exp_sq_lt (- s2) (- s1) ltac:(lra)).
    assert (P1 := exp_pos s1). assert (P2 := exp_pos (- s2)).
    assert (U := pow2_ge_0 u). assert (V := pow2_ge_0 v).
    rewrite !Rpow_mult_distr.
    destruct Huv as [Hu | Hv].
    + assert (0 < u ^ 2) by (apply pow2_gt_0; exact Hu). nra.
    + assert (0 < v ^ 2) by (apply pow2_gt_0; exact Hv). nra.
  - intros f1 u v. ring.
  - intros u v tau du dv Hu Hv Ht. split; [|split].
    + eapply is_derive_val.
      { apply is_derive_Reals, derivable_pt_lim_mult; apply is_derive_Reals; eassumption. }
      ring.
    + replace ((du * v tau + u tau * dv) ^ 2)
        with ((u tau ^ 2 + v tau ^ 2) * (du ^ 2 + dv ^ 2) - (u tau * du - v tau * dv) ^ 2) by ring.
      rewrite Ht. ring.
    + ring.
Qed.

(** Non-vacuity: the curve u = eᵗ + e⁻ᵗ, v = eᵗ − e⁻ᵗ runs along the leaf c = u² − v² = 4, the
    point (1, 1) moves strictly along its orbit, and the induced-metric identity holds at τ = 1. *)
Example quotient_leaf_example :
  let u := fun r => exp r + exp (- r) in let v := fun r => exp r - exp (- r) in
  let tau := 1 in let du := v tau in let dv := u tau in
  is_derive u tau du /\ is_derive v tau dv /\ u tau * du - v tau * dv = 0 /\
  (u tau ^ 2 + v tau ^ 2) * (du ^ 2 + dv ^ 2) = (du * v tau + u tau * dv) ^ 2 /\
  u tau ^ 2 - v tau ^ 2 = 4 /\
  (let u := 1 in let v := 1 in let s1 := 0 in let s2 := 1 in
   (u <> 0 \/ v <> 0) /\ s1 < s2 /\
   (exp s1 * u) ^ 2 - (exp (- s1) * v) ^ 2 < (exp s2 * u) ^ 2 - (exp (- s2) * v) ^ 2).
Proof.
  intros u v tau du dv.
  assert (Du : is_derive u tau du) by (unfold u, du, v; auto_derive; [exact I | ring]).
  assert (Dv : is_derive v tau dv) by (unfold v, dv, u; auto_derive; [exact I | ring]).
  assert (Ht : u tau * du - v tau * dv = 0) by (unfold du, dv; ring).
  destruct quotient_leaf as (_ & Hmono & _ & Hmetric).
  destruct (Hmetric u v tau du dv Du Dv Ht) as (_ & Hm & _).
  split; [exact Du|]. split; [exact Dv|]. split; [exact Ht|]. split; [exact Hm|]. split.
  - unfold u, v.
    assert (E : exp tau * exp (- tau) = 1) by (rewrite <- exp_plus, Rplus_opp_r; apply exp_0).
    nra.
  - cbv zeta. split; [left; lra | split; [lra|]]. apply Hmono; [left; lra | lra].
Qed.

(** ** quotient.noise_closure *)

Definition mvec (m x : nat -> R) : nat -> R := fun i => m i * x i.

Lemma dot_mvec_update (n : nat) (m : nat -> R) (eta lam : R) (th g : nat -> R) :
  dot n (mvec m (update eta lam th g)) (update eta lam th g)
  = (1 - eta * lam) ^ 2 * dot n (mvec m th) th - 2 * eta * (1 - eta * lam) * dot n (mvec m th) g
    + eta ^ 2 * dot n (mvec m g) g.
Proof. induction n as [| n IH]; simpl; [ring | rewrite IH; unfold mvec, update; ring]. Qed.

Theorem quotient_noise_closure :
  (* Langevin generator 𝓛 = −G·∇ + TΔ on Q = (m₁u² + m₂v²)/2, with ⟨G, Mθ⟩ = 0 *)
  (forall m1 m2 T u v Lu Lv : R,
     Lu * (m1 * u) + Lv * (m2 * v) = 0 ->
     let Q := fun a b => (m1 * a ^ 2 + m2 * b ^ 2) / 2 in
     (forall a b : R, is_derive (fun x : R => Q x b) a (m1 * a) /\ is_derive (fun y : R => Q a y) b (m2 * b)) /\
     is_derive (fun x : R => m1 * x) u m1 /\ is_derive (fun y : R => m2 * y) v m2 /\
     - (Lu * (m1 * u) + Lv * (m2 * v)) + T * (m1 + m2) = T * (m1 + m2)) /\
  (* one SGD step with weight decay, 2Q = θᵀMθ for diagonal M, ⟨Mθ, g⟩ = 0 *)
  (forall n m eta lam th g,
     dot n (mvec m th) g = 0 ->
     dot n (mvec m (update eta lam th g)) (update eta lam th g)
     = (1 - eta * lam) ^ 2 * dot n (mvec m th) th + eta ^ 2 * dot n (mvec m g) g).
Proof.
  split.
  - intros m1 m2 T u v Lu Lv H Q. split; [|split; [|split]].
    + intros a b. unfold Q. split; auto_derive; try exact I; field.
    + auto_derive; [exact I | ring].
    + auto_derive; [exact I | ring].
    + rewrite H. ring.
  - intros n m eta lam th g H. rewrite dot_mvec_update, H. ring.
Qed.

(** Non-vacuity: scale invariance [M = I] with [∇L = (−2, 1)] orthogonal to [θ = (1, 2)], so the
    drift is [2T]; and one SGD step for [L = f(uv)] at [θ = (2, 1)], [M = diag(1, −1)], with
    [g = (1, 2)] ∝ [(v, u)], where [θᵀMθ = 3] and [gᵀMg = −3]. *)
Definition e01 (a b : R) : nat -> R := fun i => match i with O => a | 1%nat => b | _ => 0 end.

Example quotient_noise_closure_example (T eta lam : R) :
  (let m1 := 1 in let m2 := 1 in let u := 1 in let v := 2 in let Lu := -2 in let Lv := 1 in
   Lu * (m1 * u) + Lv * (m2 * v) = 0 /\
   - (Lu * (m1 * u) + Lv * (m2 * v)) + T * (m1 + m2) = 2 * T) /\
  (let n := 2%nat in let m := e01 1 (-1) in let th := e01 2 1 in let g := e01 1 2 in
   dot n (mvec m th) g = 0 /\
   dot n (mvec m (update eta lam th g)) (update eta lam th g)
   = (1 - eta * lam) ^ 2 * 3 - eta ^ 2 * 3).
Proof.
  split.
  - cbv zeta. split; [ring|].
    destruct (proj1 quotient_noise_closure 1 1 T 1 2 (-2) 1 ltac:(ring)) as (_ & _ & _ & E).
    rewrite E. ring.
  - cbv zeta. assert (H : dot 2 (mvec (e01 1 (-1)) (e01 2 1)) (e01 1 2) = 0) by (simpl; unfold mvec; simpl; ring).
    split; [exact H|].
    rewrite (proj2 quotient_noise_closure 2%nat _ eta lam _ _ H).
    simpl. unfold mvec. simpl. ring.
Qed.

Print Assumptions quotient_orbit_equiv.
Print Assumptions quotient_descend.
Print Assumptions quotient_grad_orthogonal.
Print Assumptions quotient_noether.
Print Assumptions quotient_noether_scalar.
Print Assumptions quotient_sgd_broken.
Print Assumptions quotient_reduced_flow.
Print Assumptions quotient_leaf.
Print Assumptions quotient_noise_closure.
