"""Makes the small PyTorch models the ONNX import tests read (run with Debian's python3-torch 1.13:
/usr/bin/python3 make_models.py). Each NAME.onnx comes with NAME.io.bin: 20 inputs and PyTorch's outputs for them,
as int32 count, int32 rank, int32 dims..., then little-endian float32 (or int64 tokens) values, input then output."""
import struct
import torch
import torch.nn as nn

torch.manual_seed(13)


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(20, 32)
        self.fc2 = nn.Linear(32, 16)
        self.out = nn.Linear(16, 5)

    def forward(self, x):
        return torch.softmax(self.out(torch.tanh(self.fc2(torch.relu(self.fc1(x))))), dim=-1)


class Vgg(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.Conv2d(8, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.AvgPool2d(2))
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(16 * 4 * 4, 32), nn.ReLU(), nn.Dropout(0.5), nn.Linear(32, 10))

    def forward(self, x):
        return self.classifier(self.features(x))


class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv1 = nn.Conv2d(c, c, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(c)
        self.conv2 = nn.Conv2d(c, c, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(c)
        self.bn_out = nn.BatchNorm2d(c)

    def forward(self, x):
        y = torch.relu(self.bn1(self.conv1(x)))
        # a batch norm after the residual sum has no convolution to fold into: it stays a batchnorm
        return torch.relu(self.bn_out(x + self.bn2(self.conv2(y))))


class ResNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(1, 8, 3, stride=2, padding=1)
        self.bn = nn.BatchNorm2d(8)
        self.block1 = Block(8)
        self.block2 = Block(8)
        self.fc = nn.Linear(8, 10)

    def forward(self, x):
        x = torch.relu(self.bn(self.stem(x)))
        x = self.block2(self.block1(x))
        return self.fc(torch.flatten(nn.functional.adaptive_avg_pool2d(x, 1), 1))


class LstmClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(40, 12)
        self.lstm = nn.LSTM(12, 24, batch_first=True)
        self.head = nn.Linear(24, 3)

    def forward(self, tokens):
        _, (h, _) = self.lstm(self.embed(tokens))
        return torch.softmax(self.head(h[-1]), dim=-1)


def randomize_batchnorms(model):
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            with torch.no_grad():
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 1.5)
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.5, 0.5)


def tensor_bytes(t):
    head = struct.pack('<ii', t.shape[0], t.dim()) + struct.pack('<' + 'i' * t.dim(), *t.shape)
    fmt = '<' + ('q' if t.dtype == torch.int64 else 'f') * t.numel()
    return head + struct.pack(fmt, *t.flatten().tolist())


def save(name, model, x):
    model.eval()
    randomize_batchnorms(model)
    with torch.no_grad():
        y = model(x)
    # PRESERVE keeps BatchNormalization nodes (EVAL would fuse them into the convolutions already)
    torch.onnx.export(model, x[:1], name + '.onnx', opset_version=13, input_names=['x'], output_names=['y'],
                      dynamic_axes={'x': {0: 'batch'}, 'y': {0: 'batch'}}, training=torch.onnx.TrainingMode.PRESERVE)
    with open(name + '.io.bin', 'wb') as f:
        f.write(tensor_bytes(x))
        f.write(tensor_bytes(y))


save('mlp', Mlp(), torch.randn(20, 20))
save('vgg', Vgg(), torch.rand(20, 3, 16, 16))
save('resnet', ResNet(), torch.randn(20, 1, 12, 12))
save('lstm', LstmClassifier(), torch.randint(0, 40, (20, 9)))
