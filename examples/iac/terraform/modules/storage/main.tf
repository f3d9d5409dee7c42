resource "aws_s3_bucket" "this" {
  bucket = "acme-module-data"
  tags = {
    "stance:suppress" = "s3_bucket_requires_tls: internal data, reached only through the VPC endpoint"
  }
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id
  versioning_configuration {
    status = "Suspended"
  }
}
