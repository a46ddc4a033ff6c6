import protobuf from 'protobufjs/minimal.js';

// protobufjs 6 finds a 64-bit integer class by `require('long')` from wherever its helper package
// sits, so which `long` it gets depends on the install layout: with long@5 hoisted (onnxruntime-web
// brings it) it picks up an ES module namespace and every int64 field fails with "Long.fromBits is
// not a function". ONNX's int64 fields (shapes, versions, attributes) all fit in a double, so
// decode them as plain numbers whatever the layout. This is the instance onnx-proto uses (one
// pinned version, the same as onnx-proto's), and it must run before onnx-proto loads.
protobuf.util.Long = undefined as unknown as typeof protobuf.util.Long;
protobuf.configure();
