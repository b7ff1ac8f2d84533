/-
Copyright (c) 2026 symshock contributors. All rights reserved.
Released under Apache 2.0 license.
-/
import SymShock.Quotient
import SymShock.Entropy
import SymShock.Burgers
import SymShock.Shock
import SymShock.Inertia

/-!
# symshock: the Lean twin

Root module. Every file under `SymShock/` is imported here, so `lake build` checks all of them
(`symshock.formal.lean.static_audit` reports any file this root does not reach).
-/
