"""Compressed episodic memory for screenshots and screen recordings: the engine.

Frames go into episodes (deduplicated, keyframe + changed-region crops, OCR of changed regions
only), with the agent's notes and actions on the same timeline; search finds moments by exact,
misread or paraphrased text; context tells an episode within a token budget. The tools that
expose it (their schemas and typed functions) are the skill family `seer.skills.memory`.
"""
