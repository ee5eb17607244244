using System;
using MathNet.Numerics.LinearAlgebra;

namespace NanGuard.Internal
{
    /// <summary>A parameter buffer registered with a TrainingGuard: finiteness check, snapshot, restore.</summary>
    internal abstract class GuardParameterSlot
    {
        protected GuardParameterSlot(string name) => Name = name;

        internal string Name { get; }

        internal abstract object Target { get; }

        /// <summary>Finds the first non-finite element; one vectorized pass for dense buffers.</summary>
        internal abstract bool TryFindNonFinite(out long? index, out int? row, out int? column, out double value);

        internal abstract void TakeSnapshot();

        internal abstract void Restore();

        internal sealed class DoubleArray : GuardParameterSlot
        {
            private readonly double[] _target;
            private readonly double[] _snapshot;

            internal DoubleArray(string name, double[] target)
                : base(name)
            {
                _target = target;
                _snapshot = (double[])target.Clone();
            }

            internal override object Target => _target;

            internal override bool TryFindNonFinite(out long? index, out int? row, out int? column, out double value)
            {
                int i = GuardKernels.IndexOfNonFinite(_target);
                index = i >= 0 ? i : null;
                row = column = null;
                value = i >= 0 ? _target[i] : 0;
                return i >= 0;
            }

            internal override void TakeSnapshot() => Array.Copy(_target, _snapshot, _target.Length);

            internal override void Restore() => Array.Copy(_snapshot, _target, _target.Length);
        }

        internal sealed class FloatArray : GuardParameterSlot
        {
            private readonly float[] _target;
            private readonly float[] _snapshot;

            internal FloatArray(string name, float[] target)
                : base(name)
            {
                _target = target;
                _snapshot = (float[])target.Clone();
            }

            internal override object Target => _target;

            internal override bool TryFindNonFinite(out long? index, out int? row, out int? column, out double value)
            {
                int i = GuardKernels.IndexOfNonFinite(_target);
                index = i >= 0 ? i : null;
                row = column = null;
                value = i >= 0 ? _target[i] : 0;
                return i >= 0;
            }

            internal override void TakeSnapshot() => Array.Copy(_target, _snapshot, _target.Length);

            internal override void Restore() => Array.Copy(_snapshot, _target, _target.Length);
        }

        internal sealed class MathNetVector : GuardParameterSlot
        {
            private readonly Vector<double> _target;
            private readonly Vector<double> _snapshot;

            internal MathNetVector(string name, Vector<double> target)
                : base(name)
            {
                _target = target;
                _snapshot = target.Clone();
            }

            internal override object Target => _target;

            internal override bool TryFindNonFinite(out long? index, out int? row, out int? column, out double value)
            {
                int i = InputValidation.IndexOfNonFinite(_target, Name, out value);
                index = i >= 0 ? i : null;
                row = column = null;
                return i >= 0;
            }

            internal override void TakeSnapshot() => _target.CopyTo(_snapshot);

            internal override void Restore() => _snapshot.CopyTo(_target);
        }

        internal sealed class MathNetMatrix : GuardParameterSlot
        {
            private readonly Matrix<double> _target;
            private readonly Matrix<double> _snapshot;

            internal MathNetMatrix(string name, Matrix<double> target)
                : base(name)
            {
                _target = target;
                _snapshot = target.Clone();
            }

            internal override object Target => _target;

            internal override bool TryFindNonFinite(out long? index, out int? row, out int? column, out double value)
            {
                bool found = InputValidation.TryFindNonFinite(_target, Name, out int r, out int c, out value);
                index = null;
                row = found ? r : null;
                column = found ? c : null;
                return found;
            }

            internal override void TakeSnapshot() => _target.CopyTo(_snapshot);

            internal override void Restore() => _snapshot.CopyTo(_target);
        }
    }
}
